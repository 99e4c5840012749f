package io.cgraph.benchmarks.actors;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** Fan-in of the diamond: joins both arms into a record. */
@Actor
public class Approver {
  private final double maxNotional;

  public Approver(double maxNotional) {
    this.maxNotional = maxNotional;
  }

  @GraphMethod
  public Decision decide(double notional, long headroom) {
    return new Decision(notional, headroom, headroom >= 0 && notional <= maxNotional);
  }
}
