package io.cgraph.benchmarks.cluster;

import io.cgraph.benchmarks.BenchBase;
import io.cgraph.benchmarks.actors.Echo;
import io.cgraph.benchmarks.actors.EchoGraph;
import io.cgraph.cluster.CGraphCluster;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.WaitStrategy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Echo with its actor on another host (host agent h1, another network namespace): one
 * {@code execute(x).get()} per operation, the round trip over Aeron both ways. Compare with
 * {@link EchoAeron}, a raw Aeron ping-pong between the same two namespaces with the same idle
 * strategy.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EchoCluster extends BenchBase {

  @State(Scope.Thread)
  public static class Graph {
    CGraphCluster cluster;
    EchoGraph graph;
    long x;

    @Setup(Level.Trial)
    public void setup() {
      cluster = Bench.join(1, 25601);
      graph = EchoGraph.compile(cluster.spawn("h1", Echo.class),
          GraphOptions.defaults().withWaitStrategy(WaitStrategy.yielding()));
      check(graph.execute(41).get() == 42, "cgraph echo on another host");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      graph.close();
      cluster.close();
    }
  }

  @Benchmark
  public long cgraph(Graph s) {
    return s.graph.execute(s.x++).get();
  }
}
