package io.cgraph.graphtests.executors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** Throws IllegalArgumentException for negative inputs, and remembers what it threw. */
@Actor
public class Thrower {
  public volatile IllegalArgumentException lastThrown;

  @GraphMethod
  public long check(long x) {
    if (x < 0) {
      lastThrown = new IllegalArgumentException("negative: " + x);
      throw lastThrown;
    }
    return x;
  }
}
