package io.cgraph.runtime.sample;

import io.cgraph.annotations.Graph;

public final class Pipelines {
  private Pipelines() {}

  /** The graph; PipelineGraph is what the processor generates for it (hand-written here). */
  @Graph(maxInflight = 4)
  static Result pipeline(String line, int scale, Parser parser, Scorer scorer) {
    Order order = parser.parse(line, scale);
    double a = scorer.amountScore(order, 0.5);
    int t = scorer.tagScore(order);
    long s = scorer.combine(a, t);
    return new Result(order, s);
  }
}
