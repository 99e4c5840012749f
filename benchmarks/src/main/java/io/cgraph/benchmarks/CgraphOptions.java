package io.cgraph.benchmarks;

import io.cgraph.runtime.ActorThread;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.WaitStrategy;

/** The cgraph side's options: defaults plus the wait strategy named by a JMH parameter. */
final class CgraphOptions {
  private CgraphOptions() {}

  static GraphOptions of(String wait) {
    return GraphOptions.defaults().withWaitStrategy(strategy(wait));
  }

  /** The actors' placements: {@code own} threads (the default), or all on one {@code shared} ActorThread. */
  @SafeVarargs
  static <T> Placement<T>[] placements(String threads, T... actors) {
    ActorThread shared = threads.equals("shared") ? ActorThread.named("bench") : null;
    if (!threads.equals("own") && shared == null) {
      throw new IllegalArgumentException("unknown cgraphThreads: " + threads);
    }
    @SuppressWarnings("unchecked")
    Placement<T>[] p = new Placement[actors.length];
    for (int i = 0; i < actors.length; i++) {
      p[i] = place(shared, actors[i]);
    }
    return p;
  }

  /** {@code actor} on {@code shared}, or on a thread of its own when {@code shared} is null. */
  static <T> Placement<T> place(ActorThread shared, T actor) {
    return shared == null ? Placement.local(actor) : shared.place(actor);
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
