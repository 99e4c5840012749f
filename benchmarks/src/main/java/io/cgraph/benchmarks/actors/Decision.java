package io.cgraph.benchmarks.actors;

/** The Diamond scenario's output record, built by the fan-in actor. */
public record Decision(double notional, long headroom, boolean accepted) {}
