package io.cgraph.example;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** Stateless size features. */
@Actor
public class AmountFeatures {
  @GraphMethod
  public AmountFeature extract(Order order) {
    double notional = order.quantity() * order.price();
    return new AmountFeature(notional, Math.log1p(notional), order.quantity() % 100 == 0);
  }
}
