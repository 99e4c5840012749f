package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Approver;
import io.cgraph.benchmarks.actors.Decision;
import io.cgraph.benchmarks.actors.DiamondGraph;
import io.cgraph.benchmarks.actors.Limits;
import io.cgraph.benchmarks.actors.Pricer;
import io.cgraph.runtime.ActorThread;
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
 * Diamond scenario, cgraph: the quote record fans out to two actors, a third joins them into a
 * record; {@link #PIPELINE_WINDOW} executions in flight.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DiamondCgraph extends BenchBase {

  @State(Scope.Thread)
  public static class Graph {
    @Param({"balanced", "yielding"})
    public String cgraphWait;
    /** {@code own}: a thread per actor (the default); {@code shared}: the three actors on one ActorThread. */
    @Param({"own", "shared"})
    public String cgraphThreads;
    DiamondGraph graph;
    DiamondGraph.Ref[] window = new DiamondGraph.Ref[PIPELINE_WINDOW];
    long n;

    @Setup
    public void setup() {
      ActorThread shared = cgraphThreads.equals("shared") ? ActorThread.named("diamond") : null;
      graph = DiamondGraph.compile(CgraphOptions.place(shared, new Pricer()),
          CgraphOptions.place(shared, new Limits(DiamondBaselines.MAX_QUANTITY)),
          CgraphOptions.place(shared, new Approver(DiamondBaselines.MAX_NOTIONAL)), CgraphOptions.of(cgraphWait));
      check(DiamondBaselines.expected(graph.execute(DiamondBaselines.QUOTE).get()), "cgraph diamond");
      for (int i = 0; i < PIPELINE_WINDOW; i++) {
        window[i] = graph.execute(DiamondBaselines.QUOTE);
      }
    }

    @TearDown
    public void tearDown() {
      graph.close();
    }
  }

  @Benchmark
  public Decision cgraph(Graph s) {
    int i = (int) (s.n++ % PIPELINE_WINDOW);
    Decision d = s.window[i].get();
    s.window[i] = s.graph.execute(DiamondBaselines.QUOTE);
    return d;
  }
}
