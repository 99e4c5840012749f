package io.cgraph.graphtests.tensors;

import io.cgraph.annotations.Graph;
import io.cgraph.gpu.DeviceTensor;

/** Device tensors through every graph shape. */
public final class TensorGraphs {
  private TensorGraphs() {}

  /** Chain: x → 2x → 4x. */
  @Graph(maxInflight = 4)
  static DeviceTensor chain(DeviceTensor x, Doubler a, Doubler b) {
    DeviceTensor y = a.twice(x);
    return b.twice(y);
  }

  /** Fan-out: both actors read the same input tensor (shared, not copied). */
  @Graph(maxInflight = 4)
  static TensorPair fanOut(DeviceTensor x, Doubler a, Doubler b) {
    DeviceTensor p = a.twice(x);
    DeviceTensor q = b.twice(x);
    return new TensorPair(p, q);
  }

  /** Fan-in: 2x + 2y, each doubled on its own actor, joined on a third. */
  @Graph(maxInflight = 4)
  static DeviceTensor fanIn(DeviceTensor x, DeviceTensor y, Doubler a, Doubler b, Joiner j) {
    DeviceTensor p = a.twice(x);
    DeviceTensor q = b.twice(y);
    return j.sum(p, q);
  }
}
