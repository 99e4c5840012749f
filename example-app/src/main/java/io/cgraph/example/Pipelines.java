package io.cgraph.example;

import io.cgraph.annotations.Graph;

/** The order-scoring graph. The processor generates {@code ScoreOrderGraph} from it. */
public final class Pipelines {
  private Pipelines() {}

  /**
   * parse → (amount features ∥ history features) → model → risk check. Called directly, it is the
   * sequential reference every compiled result is checked against.
   */
  @Graph(maxInflight = 16)
  public static Decision scoreOrder(String line, OrderParser parser, AmountFeatures amounts, HistoryFeatures history,
      RiskModel model, RiskCheck risk) {
    Order order = parser.parse(line);
    AmountFeature amount = amounts.extract(order);
    HistoryFeature past = history.extract(order);
    double score = model.score(amount, past);
    return risk.decide(order, score);
  }
}
