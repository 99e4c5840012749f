package io.cgraph.benchmarks.actors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** Left arm of the diamond. */
@Actor
public class Pricer {
  @GraphMethod
  public double notional(Quote quote) {
    return quote.price() * quote.quantity();
  }
}
