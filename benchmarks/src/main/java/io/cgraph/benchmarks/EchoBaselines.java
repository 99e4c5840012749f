package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Echo;
import io.cgraph.benchmarks.baseline.ChronicleEcho;
import io.cgraph.benchmarks.baseline.DisruptorRig;
import io.cgraph.benchmarks.baseline.NamedThreads;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
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

/** Echo scenario, baselines: one {@code long} round trip through one other thread. */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EchoBaselines extends BenchBase {

  @State(Scope.Thread)
  public static class DisruptorEcho {
    @Param({"busySpin", "yielding"})
    public String disruptorWait;
    DisruptorRig rig;
    long x;

    @Setup
    public void setup() {
      Echo echo = new Echo();
      rig = DisruptorRig.start("echo", DisruptorRig.Wait.of(disruptorWait), RING, List.of(m -> m.value = echo.echo(m.value)));
      rig.send(41);
      check(rig.takeValue() == 42, "disruptor echo");
    }

    @TearDown
    public void tearDown() {
      rig.close();
    }
  }

  @State(Scope.Thread)
  public static class ChronicleState {
    ChronicleEcho queues;
    long x;

    @Setup
    public void setup() {
      queues = new ChronicleEcho(new Echo());
      check(queues.echo(41) == 42, "chronicle echo");
    }

    @TearDown
    public void tearDown() {
      queues.close();
    }
  }

  @State(Scope.Thread)
  public static class FutureState {
    Echo echo;
    ExecutorService executor;
    long x;

    @Setup
    public void setup() {
      echo = new Echo();
      executor = NamedThreads.singleThread("cf-echo");
      check(CompletableFuture.supplyAsync(() -> echo.echo(41), executor).join() == 42, "future echo");
    }

    @TearDown
    public void tearDown() {
      executor.shutdownNow();
    }
  }

  @State(Scope.Thread)
  public static class DirectState {
    final Echo echo = new Echo();
    long x;
  }

  @Benchmark
  public long disruptor(DisruptorEcho s) {
    s.rig.send(s.x++);
    return s.rig.takeValue();
  }

  @Benchmark
  public long chronicle(ChronicleState s) {
    return s.queues.echo(s.x++);
  }

  @Benchmark
  public long completableFuture(FutureState s) {
    long x = s.x++;
    Echo echo = s.echo;
    return CompletableFuture.supplyAsync(() -> echo.echo(x), s.executor).join();
  }

  /** The floor: the same work as a plain method call on the driver thread. */
  @Benchmark
  public long direct(DirectState s) {
    return s.echo.echo(s.x++);
  }
}
