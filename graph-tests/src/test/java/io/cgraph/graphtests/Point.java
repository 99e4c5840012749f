package io.cgraph.graphtests;

public record Point(int x, int y, String label) {}
