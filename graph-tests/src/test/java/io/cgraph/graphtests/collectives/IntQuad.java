package io.cgraph.graphtests.collectives;

/** What four participants kept. */
public record IntQuad(int[] a, int[] b, int[] c, int[] d) {}
