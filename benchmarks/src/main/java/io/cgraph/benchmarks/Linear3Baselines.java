package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Adder;
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

/**
 * Linear3 scenario, baselines: driver, A, B, C, driver, each stage on its own thread. Throughput
 * with {@link #PIPELINE_WINDOW} executions in flight: each operation takes the oldest result and
 * submits one more.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Linear3Baselines extends BenchBase {

  @State(Scope.Thread)
  public static class DisruptorChain {
    @Param({"yielding"})
    public String disruptorWait;
    DisruptorRig rig;
    long x;

    @Setup
    public void setup() {
      Adder a = new Adder(1);
      Adder b = new Adder(2);
      Adder c = new Adder(3);
      rig = DisruptorRig.start("linear3", DisruptorRig.Wait.of(disruptorWait), RING,
          List.of(m -> m.value = a.add(m.value)), List.of(m -> m.value = b.add(m.value)),
          List.of(m -> m.value = c.add(m.value)));
      rig.send(0);
      check(rig.takeValue() == 6, "disruptor linear3");
      for (int i = 0; i < PIPELINE_WINDOW; i++) {
        rig.send(x++);
      }
    }

    @TearDown
    public void tearDown() {
      rig.close();
    }
  }

  @State(Scope.Thread)
  public static class FutureChain {
    Adder a = new Adder(1);
    Adder b = new Adder(2);
    Adder c = new Adder(3);
    ExecutorService ea;
    ExecutorService eb;
    ExecutorService ec;
    @SuppressWarnings({"unchecked", "rawtypes"})
    CompletableFuture<Long>[] window = new CompletableFuture[PIPELINE_WINDOW];
    long x;

    @Setup
    public void setup() {
      ea = NamedThreads.singleThread("cf-linear3-a");
      eb = NamedThreads.singleThread("cf-linear3-b");
      ec = NamedThreads.singleThread("cf-linear3-c");
      check(submit(0).join() == 6, "future linear3");
      for (int i = 0; i < PIPELINE_WINDOW; i++) {
        window[i] = submit(x++);
      }
    }

    CompletableFuture<Long> submit(long v) {
      return CompletableFuture.completedFuture(v).thenApplyAsync(a::add, ea).thenApplyAsync(b::add, eb)
          .thenApplyAsync(c::add, ec);
    }

    @TearDown
    public void tearDown() {
      ea.shutdownNow();
      eb.shutdownNow();
      ec.shutdownNow();
    }
  }

  @Benchmark
  public long disruptor(DisruptorChain s) {
    long v = s.rig.takeValue();
    s.rig.send(s.x++);
    return v;
  }

  @Benchmark
  public long completableFuture(FutureChain s) {
    int i = (int) (s.x % PIPELINE_WINDOW);
    long v = s.window[i].join();
    s.window[i] = s.submit(s.x++);
    return v;
  }
}
