package io.cgraph.graphtests;

public record Pair(int left, int right) {}
