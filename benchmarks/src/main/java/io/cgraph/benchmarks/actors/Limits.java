package io.cgraph.benchmarks.actors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** Right arm of the diamond. */
@Actor
public class Limits {
  private final long maxQuantity;

  public Limits(long maxQuantity) {
    this.maxQuantity = maxQuantity;
  }

  @GraphMethod
  public long headroom(Quote quote) {
    return maxQuantity - quote.quantity();
  }
}
