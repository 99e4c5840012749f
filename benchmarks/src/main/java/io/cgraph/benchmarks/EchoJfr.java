package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Echo;
import io.cgraph.benchmarks.actors.EchoGraph;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
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
 * Echo scenario with cgraph's JFR events: {@code off} (no recording: the events cost a branch) and
 * {@code on} (a recording with io.cgraph.Execution, io.cgraph.ActorCall and io.cgraph.Wait enabled,
 * nothing else, so it measures what cgraph's events cost). Both in one run:
 * {@code java -jar benchmarks.jar EchoJfr}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EchoJfr extends BenchBase {

  @State(Scope.Thread)
  public static class Graph {
    @Param({"off", "on"})
    public String jfr;
    EchoGraph graph;
    Recording recording;
    long x;

    @Setup
    public void setup() {
      if (jfr.equals("on")) {
        recording = new Recording();
        recording.enable("io.cgraph.Execution");
        recording.enable("io.cgraph.ActorCall");
        recording.enable("io.cgraph.Wait");
        recording.setToDisk(true);
        recording.setMaxSize(64L << 20);
        recording.start();
      }
      graph = EchoGraph.compile(new Echo(), CgraphOptions.of("balanced"));
      check(graph.execute(41).get() == 42, "cgraph echo");
    }

    @TearDown
    public void tearDown() {
      graph.close();
      if (recording != null) {
        recording.close();
      }
    }
  }

  @Benchmark
  public long cgraph(Graph s) {
    return s.graph.execute(s.x++).get();
  }
}
