package io.cgraph.runtime.sample;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

@Actor
public class Scorer {
  @GraphMethod
  public double amountScore(Order order, double weight) {
    if (order.amount() < 0) {
      throw new IllegalStateException("negative amount " + order.amount());
    }
    return order.amount() * weight * (order.side() == Side.BUY ? 1 : -1);
  }

  @GraphMethod
  public int tagScore(Order order) {
    int s = 0;
    for (String t : order.tags()) {
      s += t.length();
    }
    return s;
  }

  @GraphMethod
  public long combine(double amountScore, int tagScore) {
    return Math.round(amountScore) * 31 + tagScore;
  }
}
