package io.cgraph.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import io.cgraph.benchmarks.baseline.NamedThreads;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The idle scenario's accounting: before every timed execution the driver stays idle for
 * {@link #IDLE_MILLIS} ms, and the CPU time the implementation's worker threads burn meanwhile
 * (ThreadMXBean) is summed here, next to the idle wall time. The suite reports
 * {@code idleCpuNanos / idleWallNanos} as % of a core.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class IdleCounters {
  /** Round trips each idle scenario runs before measuring, so that the JIT has compiled them. */
  static final int WARM_UP_ROUND_TRIPS = 20_000;

  /** Idle time before each measured execution. */
  static final long IDLE_MILLIS = 50;

  public long idleCpuNanos;
  public long idleWallNanos;

  @Setup(Level.Iteration)
  public void reset() {
    idleCpuNanos = 0;
    idleWallNanos = 0;
  }

  /** Sleeps {@link #IDLE_MILLIS} and books the CPU time {@code threads} used meanwhile. */
  public void idle(List<Thread> threads) throws InterruptedException {
    long cpu0 = NamedThreads.cpuNanos(threads);
    long t0 = System.nanoTime();
    TimeUnit.MILLISECONDS.sleep(IDLE_MILLIS);
    idleWallNanos += System.nanoTime() - t0;
    idleCpuNanos += NamedThreads.cpuNanos(threads) - cpu0;
  }
}
