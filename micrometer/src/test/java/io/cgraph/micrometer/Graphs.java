package io.cgraph.micrometer;

import io.cgraph.annotations.Graph;

/** The graph the binder's tests run. */
final class Graphs {
  private Graphs() {}

  /** x / 4, through two actors; odd values fail in the first or the second. */
  @Graph(maxInflight = 8)
  static long quarter(long x, Halver first, Halver second) {
    long h = first.half(x);
    return second.half(h);
  }
}
