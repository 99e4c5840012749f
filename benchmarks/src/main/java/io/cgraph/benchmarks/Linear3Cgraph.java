package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Adder;
import io.cgraph.benchmarks.actors.Linear3Graph;
import io.cgraph.runtime.Placement;
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
 * Linear3 scenario, cgraph: three actors in a chain, {@link #PIPELINE_WINDOW} executions in
 * flight; each operation reads the oldest result and submits one more.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Linear3Cgraph extends BenchBase {

  @State(Scope.Thread)
  public static class Graph {
    @Param({"balanced", "yielding"})
    public String cgraphWait;
    /** {@code own}: a thread per actor (the default); {@code shared}: the three actors on one ActorThread. */
    @Param({"own", "shared"})
    public String cgraphThreads;
    Linear3Graph graph;
    Linear3Graph.Ref[] window = new Linear3Graph.Ref[PIPELINE_WINDOW];
    long x;

    @Setup
    public void setup() {
      Placement<Adder>[] p = CgraphOptions.placements(cgraphThreads, new Adder(1), new Adder(2), new Adder(3));
      graph = Linear3Graph.compile(p[0], p[1], p[2], CgraphOptions.of(cgraphWait));
      check(graph.execute(0).get() == 6, "cgraph linear3");
      for (int i = 0; i < PIPELINE_WINDOW; i++) {
        window[i] = graph.execute(x++);
      }
    }

    @TearDown
    public void tearDown() {
      graph.close();
    }
  }

  @Benchmark
  public long cgraph(Graph s) {
    int i = (int) (s.x % PIPELINE_WINDOW);
    long v = s.window[i].get();
    s.window[i] = s.graph.execute(s.x++);
    return v;
  }
}
