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
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Throughput scenario, baselines: the Echo round trip with 1, 16 or 64 executions in flight. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ThroughputBaselines extends BenchBase {

  @State(Scope.Thread)
  public static class DisruptorWindow {
    @Param({"busySpin", "yielding"})
    public String disruptorWait;
    DisruptorRig rig;
    long x;

    @Setup
    public void setup(Window w) {
      Echo echo = new Echo();
      rig = DisruptorRig.start("echo", DisruptorRig.Wait.of(disruptorWait), RING, List.of(m -> m.value = echo.echo(m.value)));
      for (int i = 0; i < w.window; i++) {
        rig.send(x++);
      }
    }

    @TearDown
    public void tearDown() throws InterruptedException {
      rig.close();
    }
  }

  @State(Scope.Thread)
  public static class FutureWindow {
    Echo echo = new Echo();
    ExecutorService executor;
    CompletableFuture<Long>[] window;
    long x;

    @Setup
    @SuppressWarnings("unchecked")
    public void setup(Window w) {
      executor = NamedThreads.singleThread("cf-echo");
      window = new CompletableFuture[w.window];
      for (int i = 0; i < w.window; i++) {
        window[i] = submit(x++);
      }
    }

    CompletableFuture<Long> submit(long v) {
      return CompletableFuture.supplyAsync(() -> echo.echo(v), executor);
    }

    @TearDown
    public void tearDown() {
      executor.shutdownNow();
    }
  }

  @Benchmark
  public long disruptor(Window w, DisruptorWindow s) {
    long v = s.rig.takeValue();
    s.rig.send(s.x++);
    return v;
  }

  @Benchmark
  public long completableFuture(Window w, FutureWindow s) {
    int i = (int) (s.x % s.window.length);
    long v = s.window[i].join();
    s.window[i] = s.submit(s.x++);
    return v;
  }
}
