package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Echo;
import io.cgraph.benchmarks.baseline.DisruptorRig;
import io.cgraph.benchmarks.baseline.NamedThreads;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
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
 * Idle wake-up, baselines: one Echo round trip after {@value IdleCounters#IDLE_MILLIS} ms of
 * idleness (the idle pause is untimed setup), and the worker thread's CPU use during the pause.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IdleBaselines extends BenchBase {

  @State(Scope.Thread)
  public static class DisruptorIdle {
    @Param({"blocking", "yielding"})
    public String disruptorWait;
    DisruptorRig rig;
    long x;

    @Setup
    public void setup() {
      Echo echo = new Echo();
      rig = DisruptorRig.start("idle", DisruptorRig.Wait.of(disruptorWait), RING, List.of(m -> m.value = echo.echo(m.value)));
      rig.send(41);
      check(rig.takeValue() == 42, "disruptor echo");
      for (int i = 0; i < IdleCounters.WARM_UP_ROUND_TRIPS; i++) {
        rig.send(i);
        rig.takeValue();
      }
    }

    @Setup(Level.Invocation)
    public void idle(IdleCounters c) throws InterruptedException {
      c.idle(rig.threads());
    }

    @TearDown
    public void tearDown() {
      rig.close();
    }
  }

  @State(Scope.Thread)
  public static class FutureIdle {
    Echo echo = new Echo();
    ExecutorService executor;
    List<Thread> threads;
    long x;

    @Setup
    public void setup() {
      executor = NamedThreads.singleThread("cf-idle");
      check(CompletableFuture.supplyAsync(() -> echo.echo(41), executor).join() == 42, "future echo");
      for (int i = 0; i < IdleCounters.WARM_UP_ROUND_TRIPS; i++) {
        long v = i;
        CompletableFuture.supplyAsync(() -> echo.echo(v), executor).join();
      }
      threads = NamedThreads.named("cf-idle");
    }

    @Setup(Level.Invocation)
    public void idle(IdleCounters c) throws InterruptedException {
      c.idle(threads);
    }

    @TearDown
    public void tearDown() {
      executor.shutdownNow();
    }
  }

  @Benchmark
  public long disruptor(DisruptorIdle s) {
    s.rig.send(s.x++);
    return s.rig.takeValue();
  }

  @Benchmark
  public long completableFuture(FutureIdle s) {
    long x = s.x++;
    Echo echo = s.echo;
    return CompletableFuture.supplyAsync(() -> echo.echo(x), s.executor).join();
  }
}
