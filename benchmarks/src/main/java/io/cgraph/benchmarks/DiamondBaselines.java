package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Approver;
import io.cgraph.benchmarks.actors.Decision;
import io.cgraph.benchmarks.actors.Limits;
import io.cgraph.benchmarks.actors.Pricer;
import io.cgraph.benchmarks.actors.Quote;
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
 * Diamond scenario, baselines: a {@link Quote} fans out to a pricer and a limit check on two
 * threads, an approver on a third joins them into a {@link Decision} record. Throughput with
 * {@link #PIPELINE_WINDOW} executions in flight.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DiamondBaselines extends BenchBase {
  /** The input of every Diamond execution, in every implementation. */
  static final Quote QUOTE = new Quote(7, 101.25, 300);
  static final long MAX_QUANTITY = 1_000;
  static final double MAX_NOTIONAL = 1e6;

  static boolean expected(Decision d) {
    return d != null && d.notional() == QUOTE.price() * QUOTE.quantity() && d.headroom() == MAX_QUANTITY - QUOTE.quantity()
        && d.accepted();
  }

  @State(Scope.Thread)
  public static class DisruptorDiamond {
    @Param({"yielding"})
    public String disruptorWait;
    DisruptorRig rig;

    @Setup
    public void setup() {
      Pricer pricer = new Pricer();
      Limits limits = new Limits(MAX_QUANTITY);
      Approver approver = new Approver(MAX_NOTIONAL);
      rig = DisruptorRig.start("diamond", DisruptorRig.Wait.of(disruptorWait), RING,
          List.of(m -> m.notional = pricer.notional(m.quote), m -> m.headroom = limits.headroom(m.quote)),
          List.of(m -> m.decision = approver.decide(m.notional, m.headroom)));
      rig.send(QUOTE);
      check(expected(rig.takeDecision()), "disruptor diamond");
      for (int i = 0; i < PIPELINE_WINDOW; i++) {
        rig.send(QUOTE);
      }
    }

    @TearDown
    public void tearDown() {
      rig.close();
    }
  }

  @State(Scope.Thread)
  public static class FutureDiamond {
    Pricer pricer = new Pricer();
    Limits limits = new Limits(MAX_QUANTITY);
    Approver approver = new Approver(MAX_NOTIONAL);
    ExecutorService left;
    ExecutorService right;
    ExecutorService join;
    @SuppressWarnings({"unchecked", "rawtypes"})
    CompletableFuture<Decision>[] window = new CompletableFuture[PIPELINE_WINDOW];
    long n;

    @Setup
    public void setup() {
      left = NamedThreads.singleThread("cf-diamond-pricer");
      right = NamedThreads.singleThread("cf-diamond-limits");
      join = NamedThreads.singleThread("cf-diamond-approver");
      check(expected(submit(QUOTE).join()), "future diamond");
      for (int i = 0; i < PIPELINE_WINDOW; i++) {
        window[i] = submit(QUOTE);
      }
    }

    CompletableFuture<Decision> submit(Quote q) {
      CompletableFuture<Double> notional = CompletableFuture.supplyAsync(() -> pricer.notional(q), left);
      CompletableFuture<Long> headroom = CompletableFuture.supplyAsync(() -> limits.headroom(q), right);
      return notional.thenCombineAsync(headroom, approver::decide, join);
    }

    @TearDown
    public void tearDown() {
      left.shutdownNow();
      right.shutdownNow();
      join.shutdownNow();
    }
  }

  @Benchmark
  public Decision disruptor(DisruptorDiamond s) {
    Decision d = s.rig.takeDecision();
    s.rig.send(QUOTE);
    return d;
  }

  @Benchmark
  public Decision completableFuture(FutureDiamond s) {
    int i = (int) (s.n++ % PIPELINE_WINDOW);
    Decision d = s.window[i].join();
    s.window[i] = s.submit(QUOTE);
    return d;
  }
}
