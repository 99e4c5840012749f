package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.PayloadGraph;
import io.cgraph.benchmarks.actors.Sink;
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
 * Payload sweep, cgraph: one hop of a {@code byte[]} to an actor, which answers its length. Slots
 * are sized for the payload up front ({@code withBufferBytes}), so this measures the steady state,
 * not the one-off growth of the ring.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PayloadCgraph extends BenchBase {

  @State(Scope.Thread)
  public static class Graph {
    @Param({"balanced"})
    public String cgraphWait;
    PayloadGraph graph;

    @Setup
    public void setup(Payload p) {
      graph = PayloadGraph.compile(new Sink(), CgraphOptions.of(cgraphWait).withBufferBytes(p.size + 1024));
      check(graph.execute(p.data).get() == p.size, "cgraph payload");
    }

    @TearDown
    public void tearDown() {
      graph.close();
    }
  }

  @Benchmark
  public int cgraph(Payload p, Graph s) {
    return s.graph.execute(p.data).get();
  }
}
