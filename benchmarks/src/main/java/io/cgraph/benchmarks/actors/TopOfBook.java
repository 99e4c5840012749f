package io.cgraph.benchmarks.actors;

/** The Codecs scenario's value as a record: generated code writes and reads it field by field. */
public record TopOfBook(String symbol, long bid, long ask, int size) {}
