package io.cgraph.benchmarks;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The Throughput scenario's window: executions kept in flight. Each operation takes the oldest
 * result and submits one more, so the window stays full. 64 is the graphs' maxInflight.
 */
@State(Scope.Thread)
public class Window {
  @Param({"1", "16", "64"})
  public int window;
}
