package io.cgraph.graphtests.executors;

/** Two outputs of one execution. */
public record Both(long slow, long fast) {}
