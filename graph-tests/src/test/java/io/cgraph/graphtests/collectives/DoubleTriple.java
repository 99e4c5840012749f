package io.cgraph.graphtests.collectives;

/** What three participants kept. */
public record DoubleTriple(double[] a, double[] b, double[] c) {}
