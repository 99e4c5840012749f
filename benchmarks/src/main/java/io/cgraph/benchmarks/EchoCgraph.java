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

/** Echo scenario, cgraph: {@code EchoGraph.execute(x).get()}, one actor, each wait strategy. */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EchoCgraph extends BenchBase {

  @State(Scope.Thread)
  public static class Graph {
    @Param({"busySpin", "yielding", "balanced"})
    public String cgraphWait;
    EchoGraph graph;
    long x;

    @Setup
    public void setup() {
      graph = EchoGraph.compile(new Echo(), CgraphOptions.of(cgraphWait));
      check(graph.execute(41).get() == 42, "cgraph echo");
    }

    @TearDown
    public void tearDown() {
      graph.close();
    }
  }

  @Benchmark
  public long cgraph(Graph s) {
    return s.graph.execute(s.x++).get();
  }
}
