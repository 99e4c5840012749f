package io.cgraph.runtime.internal;

import io.cgraph.runtime.observe.ActorCallEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One actor's counters and its JFR {@link ActorCallEvent}s. The generated step asks
 * {@link #timed()} once per execution; only then does it take timestamps and report each call with
 * {@link #call}. Counters are written by the actor's thread only (opaque stores, no fences) and read
 * by {@code stats()}.
 */
public final class ActorProbe {
  private static final VarHandle STEPS;
  private static final VarHandle FAILURES;
  private static final VarHandle BUSY;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STEPS = lookup.findVarHandle(ActorProbe.class, "steps", long.class);
      FAILURES = lookup.findVarHandle(ActorProbe.class, "failures", long.class);
      BUSY = lookup.findVarHandle(ActorProbe.class, "busyNanos", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  private final String graph;
  private final String actor;
  private final boolean timing;
  /** Per collective of the graph: runs, then nanoseconds (two longs each), written by the actor's thread. */
  private final long[] collectives;
  @SuppressWarnings("unused") // accessed through STEPS
  private long steps;
  @SuppressWarnings("unused") // accessed through FAILURES
  private long failures;
  @SuppressWarnings("unused") // accessed through BUSY
  private long busyNanos;

  /** A probe of {@code actor} in {@code graph}; {@code timing}: always measure busy time. */
  public ActorProbe(String graph, String actor, boolean timing) {
    this(graph, actor, timing, 0);
  }

  /** As {@link #ActorProbe(String, String, boolean)}, in a graph with {@code collectives} collectives. */
  public ActorProbe(String graph, String actor, boolean timing, int collectives) {
    this.graph = graph;
    this.actor = actor;
    this.timing = timing;
    this.collectives = new long[2 * collectives];
  }

  /** This actor finished its part of collective {@code index} once, in {@code nanos} (waits for peers included). */
  public void collective(int index, long nanos) {
    LONGS.setOpaque(collectives, 2 * index, (long) LONGS.getOpaque(collectives, 2 * index) + 1);
    LONGS.setOpaque(collectives, 2 * index + 1, (long) LONGS.getOpaque(collectives, 2 * index + 1) + nanos);
  }

  /** For {@code GraphStats}: how often this actor finished its part of collective {@code index}. */
  public long collectiveRuns(int index) {
    return (long) LONGS.getOpaque(collectives, 2 * index);
  }

  /** For {@code GraphStats}: this actor's time in collective {@code index}. */
  public long collectiveNanos(int index) {
    return (long) LONGS.getOpaque(collectives, 2 * index + 1);
  }

  /** Whether this execution's calls should be timed: timing stats are on, or a recording wants the events. */
  public boolean timed() {
    return timing || ActorCallEvent.PROBE.isEnabled();
  }

  /**
   * Reports one timed call of {@code method}: its first input became available at {@code decodeStart}
   * (equal to {@code computeStart} when it reads nothing), the method ran from {@code computeStart} to
   * {@code encodeStart}, and its result was published (or skipped) by {@code end}; all
   * {@link System#nanoTime()} values.
   */
  public void call(long execution, String method, boolean failed, long decodeStart, long computeStart,
      long encodeStart, long end) {
    BUSY.setOpaque(this, (long) BUSY.getOpaque(this) + (end - decodeStart));
    if (ActorCallEvent.PROBE.isEnabled()) {
      ActorCallEvent e = new ActorCallEvent();
      if (e.shouldCommit()) {
        e.graph = graph;
        e.actor = actor;
        e.method = method;
        e.execution = execution;
        e.decode = computeStart - decodeStart;
        e.compute = encodeStart - computeStart;
        e.encode = end - encodeStart;
        e.failed = failed;
        e.commit();
      }
    }
  }

  /** The actor finished its share of execution {@code execution}. */
  public void stepped(long execution) {
    STEPS.setOpaque(this, execution + 1);
  }

  /** A call of this actor threw (slow path). */
  public void failed() {
    FAILURES.setOpaque(this, (long) FAILURES.getOpaque(this) + 1);
  }

  /**
   * Steps, failures and busy nanoseconds so far, then runs and nanoseconds of each collective: what a
   * worker or host reports to its driver.
   */
  public long[] counters() {
    long[] c = new long[3 + collectives.length];
    c[0] = steps();
    c[1] = failures();
    c[2] = busyNanos();
    for (int i = 0; i < collectives.length; i++) {
      c[3 + i] = (long) LONGS.getOpaque(collectives, i);
    }
    return c;
  }

  /**
   * Takes over the counters of this actor's copy in another process ({@link #counters()} there): the
   * driver's view of an actor that runs in a worker or on another host.
   */
  public void mirror(long[] counters) {
    STEPS.setOpaque(this, counters[0]);
    FAILURES.setOpaque(this, counters[1]);
    BUSY.setOpaque(this, counters[2]);
    for (int i = 0; i < collectives.length && 3 + i < counters.length; i++) {
      LONGS.setOpaque(collectives, i, counters[3 + i]);
    }
  }

  /** For {@code GraphStats}. */
  public long steps() {
    return (long) STEPS.getOpaque(this);
  }

  /** For {@code GraphStats}. */
  public long failures() {
    return (long) FAILURES.getOpaque(this);
  }

  /** For {@code GraphStats}. */
  public long busyNanos() {
    return (long) BUSY.getOpaque(this);
  }

  /** The actor's name. */
  public String actor() {
    return actor;
  }
}
