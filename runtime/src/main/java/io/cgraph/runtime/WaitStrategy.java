package io.cgraph.runtime;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How a cgraph thread waits for work, and whether the threads that publish work must wake it: the
 * behaviour the Disruptor's {@code WaitStrategy} ({@code waitFor} / {@code signalAllWhenBlocking})
 * and Agrona's {@code IdleStrategy} ({@code idle}) give, one small class per strategy.
 *
 * <ul>
 *   <li>{@link #busySpin()}: spin with {@link Thread#onSpinWait()} forever. Lowest latency; burns a
 *       core even when idle and degrades badly when threads outnumber cores. Opt-in only.
 *   <li>{@link #yielding()}: spin briefly, then {@link Thread#yield()} forever. Also keeps a core
 *       busy while idle.
 *   <li>{@link #balanced()} (the default): spin about 100 times, yield about 100 times, then park
 *       until the writer wakes the waiter. Behaves well when threads outnumber cores.
 * </ul>
 *
 * <p>A waiting thread counts the rounds in which it found nothing, from 0, and calls
 * {@link #idle(long, int)} once per round; when that returns {@code true} the thread parks after the
 * handshake its channel defines (it sets a flag, fences, checks again), and a writer whose strategy
 * {@link #signalsParked() signals} looks for such flags once per published batch and unparks. A
 * strategy is sent to worker processes by {@link #name()} ({@link #named(String)} reads it back).
 *
 * <p>cgraph never uses Chronicle's {@code Pauser} factories, which silently become millisecond
 * sleepers on machines with fewer than four CPUs.
 */
public abstract class WaitStrategy {
  private static final System.Logger LOG = System.getLogger("io.cgraph.runtime");
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private final String name;

  WaitStrategy(String name) {
    this.name = name;
  }

  /**
   * Spin forever: lowest latency, one full core per waiting thread, idle or not.
   *
   * @return the busy-spin strategy, named {@code busySpin}
   */
  public static WaitStrategy busySpin() {
    return BusySpinWait.INSTANCE;
  }

  /**
   * Spin briefly, then yield forever (a core stays busy while idle).
   *
   * @return the yielding strategy (100 spins, then yields), named {@code yielding}
   */
  public static WaitStrategy yielding() {
    return YieldingWait.DEFAULT;
  }

  /**
   * Spin, yield, then park until the writer wakes the waiter. The default.
   *
   * @return the balanced strategy (100 spins, 100 yields, then park), named {@code balanced}
   */
  public static WaitStrategy balanced() {
    return BalancedWait.DEFAULT;
  }

  /**
   * A custom strategy: {@code spins} rounds of {@code onSpinWait}, then {@code yields} rounds of
   * {@code Thread.yield()}, then park until woken when {@code park} is true, else yield forever.
   *
   * @param spins rounds of {@code Thread.onSpinWait()} before yielding; not negative
   * @param yields rounds of {@code Thread.yield()} before parking; not negative, unused when {@code park}
   *     is false
   * @param park whether to park after the yields; if false, yield forever
   * @return the strategy, named {@code custom(spins,yields,park)}
   * @throws IllegalArgumentException if {@code spins} or {@code yields} is negative
   */
  public static WaitStrategy of(int spins, int yields, boolean park) {
    if (spins < 0 || yields < 0) {
      throw new IllegalArgumentException("spins and yields must be >= 0, got " + spins + " and " + yields);
    }
    String name = "custom(" + spins + "," + yields + "," + park + ")";
    return park ? new BalancedWait(name, spins, yields) : new YieldingWait(name, spins);
  }

  /**
   * The strategy called {@code name}: {@code busySpin}, {@code yielding}, {@code balanced}, or a
   * {@code custom(spins,yields,park)} name as {@link #of} gives it.
   *
   * @param name a strategy's {@link #name()}
   * @return the strategy of that name
   * @throws IllegalArgumentException for any other name
   */
  public static WaitStrategy named(String name) {
    Objects.requireNonNull(name, "name");
    switch (name) {
      case "busySpin":
        return busySpin();
      case "yielding":
        return yielding();
      case "balanced":
        return balanced();
      default:
        if (name.startsWith("custom(") && name.endsWith(")")) {
          String[] parts = name.substring(7, name.length() - 1).split(",", -1);
          if (parts.length == 3 && (parts[2].equals("true") || parts[2].equals("false"))) {
            try {
              return of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Boolean.parseBoolean(parts[2]));
            } catch (NumberFormatException e) {
              // reported below
            }
          }
        }
        throw new IllegalArgumentException("unknown wait strategy '" + name + "'; use busySpin, yielding, balanced"
            + " or custom(spins,yields,park)");
    }
  }

  /**
   * The name this strategy is known by (and sent to worker processes as).
   *
   * @return the name, e.g. {@code balanced} or {@code custom(100,100,true)}
   */
  public final String name() {
    return name;
  }

  /**
   * One round of waiting that found nothing: spins or yields, or returns {@code true} when the
   * caller should park now (strategies that never park always return {@code false}).
   *
   * @param round how many rounds of this wait found nothing before this one, from 0
   * @param extraYields yields to make beyond the strategy's own before parking (a reader whose writer
   *     is in another process, where no unpark can shorten its park, stays in the yield phase longer)
   * @return {@code true} when the caller should park now, {@code false} when it should look for work again
   */
  public abstract boolean idle(long round, int extraYields);

  /**
   * Whether waiters may park, so that a writer must look for parked waiters (behind a full fence)
   * after each batch it publishes, and unpark them.
   *
   * @return {@code true} if waiters may park, so that writers must unpark them
   */
  public abstract boolean signalsParked();

  /**
   * Whether a thread waiting this way keeps a core busy even when there is no work.
   *
   * @return {@code true} if a waiting thread keeps a core busy (it never parks)
   */
  public abstract boolean occupiesCore();

  /**
   * The first round from which a waiter re-checks liveness (and deadlines) every round; before it,
   * it checks every 1024 rounds, since a spin round costs a few nanoseconds.
   *
   * @return the first such round; {@link Long#MAX_VALUE} to check every 1024 rounds throughout
   */
  public abstract long slowRoundsFrom();

  /**
   * Logs one warning per JVM when threads that wait with a core-occupying strategy outnumber the
   * cores: each then spends its time slice spinning while the thread it waits for cannot run (on 2
   * cores, 8 callers measured 285 executions/s with busySpin against 7,851 with balanced).
   *
   * @param spinningThreads how many threads wait with a strategy that {@link #occupiesCore() occupies a core}
   */
  public static void warnIfOversubscribed(int spinningThreads) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (spinningThreads > cores && WARNED.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, "cgraph: " + spinningThreads + " threads wait with busySpin or yielding"
          + " strategies on " + cores + " cores; spinning threads that outnumber the cores slow each other down by"
          + " orders of magnitude. Use WaitStrategy.balanced() (the default), or put actors on fewer threads with"
          + " ActorThread. (Logged once.)");
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
