package io.cgraph.graphtests.collectives;

/** What four participants kept. */
public record FloatQuad(float[] a, float[] b, float[] c, float[] d) {}
