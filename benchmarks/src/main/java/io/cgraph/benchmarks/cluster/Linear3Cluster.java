package io.cgraph.benchmarks.cluster;

import io.cgraph.benchmarks.BenchBase;
import io.cgraph.benchmarks.actors.Adder;
import io.cgraph.benchmarks.actors.Linear3Graph;
import io.cgraph.cluster.CGraphCluster;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.Placement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Linear3 on three hosts, {@code PIPELINE_WINDOW} (16) in flight: A on agent h1, B on agent h2, C
 * on the driver's host (driver to h1 to h2 to the driver); {@code oneHost}, the same graph with all
 * three actors here, is the same-run baseline.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Linear3Cluster extends BenchBase {

  @State(Scope.Thread)
  public static class Graph {
    @Param({"threeHosts", "oneHost"})
    public String layout;
    CGraphCluster cluster;
    Linear3Graph graph;
    final Linear3Graph.Ref[] window = new Linear3Graph.Ref[PIPELINE_WINDOW];
    long x;

    @Setup(Level.Trial)
    public void setup() {
      if (layout.equals("threeHosts")) {
        cluster = Bench.join(2, 25611);
        graph = Linear3Graph.compile(cluster.spawn("h1", Adder.class, 1L), cluster.spawn("h2", Adder.class, 2L),
            Placement.local(new Adder(3)), GraphOptions.defaults());
      } else {
        graph = Linear3Graph.compile(new Adder(1), new Adder(2), new Adder(3));
      }
      check(graph.execute(0).get() == 6, "linear3 " + layout);
      for (int i = 0; i < PIPELINE_WINDOW; i++) {
        window[i] = graph.execute(x++);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      for (Linear3Graph.Ref r : window) {
        r.get();
      }
      graph.close();
      if (cluster != null) {
        cluster.close();
      }
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
