package io.cgraph.example;

/** A parsed order: what crosses the channel from the parser to both feature extractors. */
public record Order(long id, String customer, String symbol, Side side, int quantity, double price, String country) {}
