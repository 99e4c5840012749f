package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.AllReduceGraph;
import io.cgraph.benchmarks.actors.GatherScatterGraph;
import io.cgraph.benchmarks.actors.Part;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.internal.GraphRuntime;
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
 * AllReduce in a compiled graph (issue #16): four participants, each with its own executor, sum
 * their parts with {@code Collectives.allReduce} and each takes its copy, in place (all four in
 * this JVM) and over the ring of channels that participants in other processes use; against the
 * same reduction written with ordinary calls (gathered to one actor, summed there, read back by all
 * four). One execution at a time, as the hand-written loop runs. Slots are
 * sized for the payload up front, so this measures the steady state.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AllReduceCgraph extends BenchBase {

  /** The wait strategy every graph here runs with. */
  @State(Scope.Benchmark)
  public static class Wait {
    @Param({"balanced"})
    public String cgraphWait;
  }

  /** Each benchmark compiles only its own graph: idle graphs' threads would share the two cores. */
  @State(Scope.Thread)
  public static class InPlace {
    AllReduceGraph graph;

    @Setup
    public void setup(AllReduceParts p, Wait w) {
      graph = AllReduceGraph.compile(new Part(0), new Part(1), new Part(2), new Part(3), options(p, w));
      check(graph.execute(p.n).get() == p.expected, "cgraph allReduce in place");
      check(graph.stats().collectives().get(0).inPlace(), "the participants meet in place");
    }

    @TearDown
    public void tearDown() {
      graph.close();
    }
  }

  /** The allReduce graph compiled with {@code -Dcgraph.collectives=ring}. */
  @State(Scope.Thread)
  public static class Ring {
    AllReduceGraph graph;

    @Setup
    public void setup(AllReduceParts p, Wait w) {
      System.setProperty(GraphRuntime.COLLECTIVES_PROPERTY, "ring");
      try {
        graph = AllReduceGraph.compile(new Part(0), new Part(1), new Part(2), new Part(3), options(p, w));
      } finally {
        System.clearProperty(GraphRuntime.COLLECTIVES_PROPERTY);
      }
      check(graph.execute(p.n).get() == p.expected, "cgraph allReduce over the ring");
      check(!graph.stats().collectives().get(0).inPlace(), "the ring is forced");
    }

    @TearDown
    public void tearDown() {
      graph.close();
    }
  }

  /** The same sum with ordinary calls: gathered to one actor, summed there, read back by all four. */
  @State(Scope.Thread)
  public static class GatherScatter {
    GatherScatterGraph graph;

    @Setup
    public void setup(AllReduceParts p, Wait w) {
      GraphOptions whole = CgraphOptions.of(w.cgraphWait).withBufferBytes(p.size + 1024);
      graph = GatherScatterGraph.compile(new Part(0), new Part(1), new Part(2), new Part(3), whole);
      check(graph.execute(p.n).get() == p.expected, "cgraph gather/scatter");
    }

    @TearDown
    public void tearDown() {
      graph.close();
    }
  }

  /** Slots for one ring chunk of the payload. */
  private static GraphOptions options(AllReduceParts p, Wait w) {
    return CgraphOptions.of(w.cgraphWait).withBufferBytes(p.size / 4 + 1024);
  }

  /** The four participants in this JVM: each reduces a quarter, reading the others' arrays in place. */
  @Benchmark
  public float inPlace(AllReduceParts p, InPlace g) {
    return g.graph.execute(p.n).get();
  }

  /** Chunks through the ring's channels, as participants in other processes send them. */
  @Benchmark
  public float ring(AllReduceParts p, Ring g) {
    return g.graph.execute(p.n).get();
  }

  @Benchmark
  public float gatherScatter(AllReduceParts p, GatherScatter g) {
    return g.graph.execute(p.n).get();
  }
}
