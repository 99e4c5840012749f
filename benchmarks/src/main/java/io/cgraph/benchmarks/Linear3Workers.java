package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Adder;
import io.cgraph.benchmarks.actors.Linear3Graph;
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
 * Linear3 scenario with each of the three actors in its own worker process, so every hop crosses
 * a process: the same pipelined loop as {@link Linear3Cgraph} (impl {@code workers-<wait>}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Linear3Workers extends BenchBase {

  @State(Scope.Thread)
  public static class Graph {
    @Param({"balanced", "yielding"})
    public String cgraphWait;
    Workers workers;
    Linear3Graph graph;
    Linear3Graph.Ref[] window = new Linear3Graph.Ref[PIPELINE_WINDOW];
    long x;

    @Setup(Level.Trial)
    public void setup() {
      workers = Workers.create(3);
      graph = Linear3Graph.compile(workers.spawn(Adder.class, 1L), workers.spawn(Adder.class, 2L),
          workers.spawn(Adder.class, 3L), CgraphOptions.of(cgraphWait));
      check(graph.execute(0).get() == 6, "cgraph linear3 in workers");
      for (int i = 0; i < PIPELINE_WINDOW; i++) {
        window[i] = graph.execute(x++);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      graph.close();
      workers.close();
    }
  }

  @Benchmark
  public long workers(Graph s) {
    int i = (int) (s.x % PIPELINE_WINDOW);
    long v = s.window[i].get();
    s.window[i] = s.graph.execute(s.x++);
    return v;
  }
}
