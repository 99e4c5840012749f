package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.AllReduceGraph;
import io.cgraph.benchmarks.actors.GatherScatterGraph;
import io.cgraph.benchmarks.actors.Part;
import io.cgraph.runtime.GraphOptions;
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
 * their parts with {@code Collectives.allReduce} (a ring over their channels) and each takes its
 * copy; against the same reduction written with ordinary calls (gathered to one actor, summed
 * there, read back by all four). One execution at a time, as the hand-written loop runs. Slots are
 * sized for the payload up front, so this measures the steady state.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AllReduceCgraph extends BenchBase {

  @State(Scope.Thread)
  public static class Graphs {
    @Param({"balanced"})
    public String cgraphWait;
    AllReduceGraph ring;
    GatherScatterGraph gatherScatter;

    @Setup
    public void setup(AllReduceParts p) {
      GraphOptions ringOptions = CgraphOptions.of(cgraphWait).withBufferBytes(p.size / 4 + 1024);
      ring = AllReduceGraph.compile(new Part(0), new Part(1), new Part(2), new Part(3), ringOptions);
      check(ring.execute(p.n).get() == p.expected, "cgraph allReduce");
      GraphOptions wholeOptions = CgraphOptions.of(cgraphWait).withBufferBytes(p.size + 1024);
      gatherScatter = GatherScatterGraph.compile(new Part(0), new Part(1), new Part(2), new Part(3), wholeOptions);
      check(gatherScatter.execute(p.n).get() == p.expected, "cgraph gather/scatter");
    }

    @TearDown
    public void tearDown() {
      ring.close();
      gatherScatter.close();
    }
  }

  @Benchmark
  public float ring(AllReduceParts p, Graphs g) {
    return g.ring.execute(p.n).get();
  }

  @Benchmark
  public float gatherScatter(AllReduceParts p, Graphs g) {
    return g.gatherScatter.execute(p.n).get();
  }
}
