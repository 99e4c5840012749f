package io.cgraph.graphtests.collectives;

/** What three participants kept. */
public record IntTriple(int[] a, int[] b, int[] c) {}
