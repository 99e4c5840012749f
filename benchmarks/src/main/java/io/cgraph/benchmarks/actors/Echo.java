package io.cgraph.benchmarks.actors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** The Echo scenario's one actor: a {@code long} in, the next {@code long} out. */
@Actor
public class Echo {
  @GraphMethod
  public long echo(long x) {
    return x + 1;
  }
}
