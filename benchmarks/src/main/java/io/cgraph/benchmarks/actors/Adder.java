package io.cgraph.benchmarks.actors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** One stage of the Linear3 chain. */
@Actor
public class Adder {
  private final long delta;

  public Adder(long delta) {
    this.delta = delta;
  }

  @GraphMethod
  public long add(long x) {
    return x + delta;
  }
}
