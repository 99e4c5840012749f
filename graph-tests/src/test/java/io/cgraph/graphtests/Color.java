package io.cgraph.graphtests;

public enum Color {
  RED,
  GREEN,
  BLUE
}
