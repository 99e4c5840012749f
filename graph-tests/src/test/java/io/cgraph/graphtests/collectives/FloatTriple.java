package io.cgraph.graphtests.collectives;

/** What three participants kept. */
public record FloatTriple(float[] a, float[] b, float[] c) {}
