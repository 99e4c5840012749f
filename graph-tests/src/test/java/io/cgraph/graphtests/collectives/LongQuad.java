package io.cgraph.graphtests.collectives;

/** What four participants kept. */
public record LongQuad(long[] a, long[] b, long[] c, long[] d) {}
