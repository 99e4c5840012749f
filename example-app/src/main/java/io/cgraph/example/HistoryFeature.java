package io.cgraph.example;

/** Features of the customer's recent history, as seen by the stateful history actor. */
public record HistoryFeature(int ordersSoFar, double averageNotional, boolean newCountry, double signal) {}
