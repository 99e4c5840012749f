package io.cgraph.benchmarks.actors;

/** The Diamond scenario's input record. */
public record Quote(long id, double price, long quantity) {}
