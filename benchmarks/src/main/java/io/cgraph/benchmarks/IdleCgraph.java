package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Echo;
import io.cgraph.benchmarks.actors.EchoGraph;
import io.cgraph.benchmarks.baseline.NamedThreads;
import java.util.List;
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
 * Idle wake-up, cgraph: one Echo execution after {@value IdleCounters#IDLE_MILLIS} ms of idleness
 * (untimed), and the CPU time of the actor thread {@code cgraph-EchoGraph-echo} during the pause.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IdleCgraph extends BenchBase {

  @State(Scope.Thread)
  public static class Graph {
    @Param({"balanced"})
    public String cgraphWait;
    EchoGraph graph;
    List<Thread> actorThreads;
    long x;

    @Setup
    public void setup() {
      graph = EchoGraph.compile(new Echo(), CgraphOptions.of(cgraphWait));
      check(graph.execute(41).get() == 42, "cgraph echo");
      // Warm the round trip up first: with 50 ms pauses the measured invocations alone are too few
      // for the JIT, and this scenario is about waking up, not about interpreted code.
      for (int i = 0; i < IdleCounters.WARM_UP_ROUND_TRIPS; i++) {
        graph.execute(i).get();
      }
      actorThreads = NamedThreads.named("cgraph-EchoGraph-echo");
    }

    @Setup(Level.Invocation)
    public void idle(IdleCounters c) throws InterruptedException {
      c.idle(actorThreads);
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
