package io.cgraph.example;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Stateful: remembers every customer's order count, notional and countries. Because an actor's
 * calls run in program order on one thread, the compiled graph sees the same history as the
 * sequential reference.
 */
@Actor
public class HistoryFeatures {
  private final Map<String, double[]> perCustomer = new HashMap<>();
  private final Map<String, Set<String>> countries = new HashMap<>();
  private final FeatureNet net = new FeatureNet(6, 48, 23);

  @GraphMethod
  public HistoryFeature extract(Order order) {
    double[] h = perCustomer.computeIfAbsent(order.customer(), c -> new double[2]);
    int count = (int) h[0];
    double average = count == 0 ? 0 : h[1] / count;
    boolean newCountry = countries.computeIfAbsent(order.customer(), c -> new HashSet<>()).add(order.country())
        && count > 0;
    h[0] += 1;
    h[1] += order.quantity() * order.price();
    double[] in = {Math.log1p(count) / 5, Math.log1p(average) / 10, newCountry ? 1 : 0,
        countries.get(order.customer()).size() / 7.0, order.country().hashCode() % 7 / 7.0,
        Math.log1p(order.quantity() * order.price()) / 10};
    return new HistoryFeature(count, average, newCountry, net.signal(in));
  }
}
