package io.cgraph.benchmarks;

import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.WaitStrategy;

/** The cgraph side's options: defaults plus the wait strategy named by a JMH parameter. */
final class CgraphOptions {
  private CgraphOptions() {}

  static GraphOptions of(String wait) {
    return GraphOptions.defaults().withWaitStrategy(strategy(wait));
  }

  static WaitStrategy strategy(String wait) {
    switch (wait) {
      case "busySpin":
        return WaitStrategy.busySpin();
      case "yielding":
        return WaitStrategy.yielding();
      case "balanced":
        return WaitStrategy.balanced();
      default:
        throw new IllegalArgumentException("unknown cgraph wait strategy: " + wait);
    }
  }
}
