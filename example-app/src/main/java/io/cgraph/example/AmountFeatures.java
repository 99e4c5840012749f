package io.cgraph.example;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** Stateless size features, with a learned signal from a small dense network (a few microseconds of work). */
@Actor
public class AmountFeatures {
  private final FeatureNet net = new FeatureNet(6, 48, 11);

  @GraphMethod
  public AmountFeature extract(Order order) {
    double notional = order.quantity() * order.price();
    double[] in = {Math.log1p(notional) / 10, Math.log1p(order.quantity()) / 5, order.price() / 1000,
        order.side() == Side.BUY ? 1 : -1, order.quantity() % 100 == 0 ? 1 : 0, order.symbol().length() / 8.0};
    return new AmountFeature(notional, Math.log1p(notional), order.quantity() % 100 == 0, net.signal(in));
  }
}
