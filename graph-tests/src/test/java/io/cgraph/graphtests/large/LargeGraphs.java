package io.cgraph.graphtests.large;

import io.cgraph.annotations.Graph;

public final class LargeGraphs {
  private LargeGraphs() {}

  /** Ray's zero-copy hazard: a large result the caller keeps while executing more. */
  @Graph(maxInflight = 4)
  static double[] samples(int seed, int length, Generator g) {
    return g.samples(seed, length);
  }
}
