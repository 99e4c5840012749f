package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Echo;
import io.cgraph.benchmarks.actors.EchoGraph;
import io.cgraph.runtime.Workers;
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
 * Echo scenario with the actor in a worker process ({@code Workers.spawn}): the same
 * {@code EchoGraph.execute(x).get()} as {@link EchoCgraph}, but both channels cross processes.
 * The report compares it with {@code cgraph-*} of the same run (impl {@code workers-<wait>}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EchoWorkers extends BenchBase {

  @State(Scope.Thread)
  public static class Graph {
    @Param({"balanced", "yielding"})
    public String cgraphWait;
    Workers workers;
    EchoGraph graph;
    long x;

    @Setup(Level.Trial)
    public void setup() {
      workers = Workers.create(1);
      graph = EchoGraph.compile(workers.spawn(Echo.class), CgraphOptions.of(cgraphWait));
      check(graph.execute(41).get() == 42, "cgraph echo in a worker");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      graph.close();
      workers.close();
    }
  }

  @Benchmark
  public long workers(Graph s) {
    return s.graph.execute(s.x++).get();
  }
}
