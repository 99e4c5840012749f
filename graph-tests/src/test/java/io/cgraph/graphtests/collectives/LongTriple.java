package io.cgraph.graphtests.collectives;

/** What three participants kept. */
public record LongTriple(long[] a, long[] b, long[] c) {}
