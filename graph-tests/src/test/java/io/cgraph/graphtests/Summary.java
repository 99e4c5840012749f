package io.cgraph.graphtests;

public record Summary(String text, int codePoints, long widened, String reversed, int codePointsAgain) {}
