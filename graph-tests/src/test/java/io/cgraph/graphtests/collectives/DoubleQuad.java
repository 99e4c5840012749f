package io.cgraph.graphtests.collectives;

/** What four participants kept. */
public record DoubleQuad(double[] a, double[] b, double[] c, double[] d) {}
