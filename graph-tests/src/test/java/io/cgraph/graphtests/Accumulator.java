package io.cgraph.graphtests;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** Stateful: results depend on every earlier call, so they prove program and submission order. */
@Actor
public class Accumulator {
  private long total;
  private long calls;

  @GraphMethod
  public long add(long x) {
    total = total * 31 + x;
    return total;
  }

  @GraphMethod
  public long count(long ignored) {
    return ++calls;
  }
}
