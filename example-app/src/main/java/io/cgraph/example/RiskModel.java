package io.cgraph.example;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/** A small linear model over both feature sets (fan-in). */
@Actor
public class RiskModel {
  private final double[] weights;

  public RiskModel(double[] weights) {
    this.weights = weights.clone();
  }

  @GraphMethod
  public double score(AmountFeature amount, HistoryFeature history) {
    double spike = history.averageNotional() == 0 ? 0 : amount.notional() / history.averageNotional();
    double z = weights[0]
        + weights[1] * amount.logNotional()
        + weights[2] * (amount.roundLot() ? 1 : 0)
        + weights[3] * Math.log1p(history.ordersSoFar())
        + weights[4] * (history.newCountry() ? 1 : 0)
        + weights[5] * Math.min(spike, 50)
        + weights[6] * amount.signal()
        + weights[7] * history.signal();
    return 1 / (1 + Math.exp(-z));
  }
}
