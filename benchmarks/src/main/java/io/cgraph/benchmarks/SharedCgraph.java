package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Echo;
import io.cgraph.benchmarks.actors.EchoGraph;
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
 * Shared scenario: two Echo graphs compiled on one actor instance (both graphs' calls run on the
 * actor's one thread), {@link #PIPELINE_WINDOW} executions in flight in each. {@code twoGraphs}
 * does one execution on each graph per operation, so its ops/s is each graph's throughput;
 * {@code alone} drives one graph the same way. Target: each graph at ≥ 0.8× of its throughput alone.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SharedCgraph extends BenchBase {

  @State(Scope.Thread)
  public static class Graphs {
    @Param({"balanced"})
    public String cgraphWait;
    EchoGraph first;
    EchoGraph second;
    EchoGraph.Ref[] firstWindow = new EchoGraph.Ref[PIPELINE_WINDOW];
    EchoGraph.Ref[] secondWindow = new EchoGraph.Ref[PIPELINE_WINDOW];
    long x;

    @Setup
    public void setup() {
      Echo echo = new Echo();
      first = EchoGraph.compile(echo, CgraphOptions.of(cgraphWait));
      second = EchoGraph.compile(echo, CgraphOptions.of(cgraphWait));
      check(first.execute(1).get() == echo.echo(1) && second.execute(2).get() == echo.echo(2), "cgraph shared echo");
      for (int i = 0; i < PIPELINE_WINDOW; i++) {
        firstWindow[i] = first.execute(x);
        secondWindow[i] = second.execute(x++);
      }
    }

    @TearDown
    public void tearDown() {
      first.close();
      second.close();
    }
  }

  @State(Scope.Thread)
  public static class Alone {
    @Param({"balanced"})
    public String cgraphWait;
    EchoGraph graph;
    EchoGraph.Ref[] window = new EchoGraph.Ref[PIPELINE_WINDOW];
    long x;

    @Setup
    public void setup() {
      graph = EchoGraph.compile(new Echo(), CgraphOptions.of(cgraphWait));
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
  public long twoGraphs(Graphs s) {
    int i = (int) (s.x % PIPELINE_WINDOW);
    long v = s.firstWindow[i].get() + s.secondWindow[i].get();
    s.firstWindow[i] = s.first.execute(s.x);
    s.secondWindow[i] = s.second.execute(s.x++);
    return v;
  }

  @Benchmark
  public long alone(Alone s) {
    int i = (int) (s.x % PIPELINE_WINDOW);
    long v = s.window[i].get();
    s.window[i] = s.graph.execute(s.x++);
    return v;
  }
}
