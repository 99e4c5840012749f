package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Echo;
import io.cgraph.benchmarks.actors.EchoGraph;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput scenario, cgraph: the Echo graph with 1, 16 or maxInflight (64) executions in
 * flight; each operation reads the oldest result and submits one more.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ThroughputCgraph extends BenchBase {

  @State(Scope.Thread)
  public static class Graph {
    @Param({"balanced", "busySpin"})
    public String cgraphWait;
    EchoGraph graph;
    EchoGraph.Ref[] window;
    long x;

    @Setup
    public void setup(Window w) {
      graph = EchoGraph.compile(new Echo(), CgraphOptions.of(cgraphWait));
      window = new EchoGraph.Ref[w.window];
      for (int i = 0; i < w.window; i++) {
        window[i] = graph.execute(x++);
      }
    }

    @TearDown
    public void tearDown() {
      graph.close();
    }
  }

  @Benchmark
  public long cgraph(Window w, Graph s) {
    int i = (int) (s.x % s.window.length);
    long v = s.window[i].get();
    s.window[i] = s.graph.execute(s.x++);
    return v;
  }
}
