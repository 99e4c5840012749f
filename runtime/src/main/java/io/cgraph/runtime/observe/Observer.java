package io.cgraph.runtime.observe;

import io.cgraph.runtime.GraphStats;
import io.cgraph.runtime.channel.WaitListener;
import io.cgraph.runtime.internal.ActorProbe;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One graph's counters and JFR events, outside the actors: driver-side failures and capacity waits,
 * channel writers' waits, and {@link ExecutionEvent}s. The driver calls {@link #submitted} and
 * {@link #delivered} under its submit and pump locks; with no recording they cost a branch on
 * {@link jdk.jfr.Event#isEnabled()} and, for a failure, one counter.
 */
public final class Observer {
  /** Waits at least this long produce a {@link WaitEvent} (while a recording has it enabled). */
  public static final long WAIT_THRESHOLD_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle FAILURES;
  private static final VarHandle CAPACITY_WAITS;
  private static final VarHandle CAPACITY_NANOS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      FAILURES = lookup.findVarHandle(Observer.class, "failures", long.class);
      CAPACITY_WAITS = lookup.findVarHandle(Observer.class, "capacityWaits", long.class);
      CAPACITY_NANOS = lookup.findVarHandle(Observer.class, "capacityWaitNanos", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String graph;
  private final boolean timing;
  private final ActorProbe[] actors;
  private final String[] channelNames;
  private final String[] collectiveNames;
  private final int[][] collectiveParticipants;
  /** Whether each collective's participants meet in this JVM; set when the graph starts. */
  private volatile boolean[] collectivesInPlace;
  /** Per channel: waits, then total nanos (two longs each), written by the channel's writer thread. */
  private final long[] channelWaits;
  /** Submit times of executions while ExecutionEvents are enabled, by execution modulo maxInflight. */
  private final long[] submitNanos;
  private final long[] submitExecution;
  @SuppressWarnings("unused") // accessed through FAILURES
  private long failures;
  @SuppressWarnings("unused") // accessed through CAPACITY_WAITS
  private long capacityWaits;
  @SuppressWarnings("unused") // accessed through CAPACITY_NANOS
  private long capacityWaitNanos;

  public Observer(String graph, List<String> actorNames, List<String> channelNames, int maxInflight, boolean timing) {
    this(graph, actorNames, channelNames, List.of(), List.of(), maxInflight, timing);
  }

  /**
   * An observer of a graph with collectives: {@code collectiveNames} and, for each, its
   * participants' actor indices in rank order.
   */
  public Observer(String graph, List<String> actorNames, List<String> channelNames, List<String> collectiveNames,
      List<int[]> collectiveParticipants, int maxInflight, boolean timing) {
    this.graph = graph;
    this.timing = timing;
    this.actors = new ActorProbe[actorNames.size()];
    for (int i = 0; i < actors.length; i++) {
      actors[i] = new ActorProbe(graph, actorNames.get(i), timing, collectiveNames.size());
    }
    this.collectiveNames = collectiveNames.toArray(new String[0]);
    this.collectiveParticipants = collectiveParticipants.toArray(new int[0][]);
    this.collectivesInPlace = new boolean[collectiveNames.size()];
    this.channelNames = channelNames.toArray(new String[0]);
    this.channelWaits = new long[2 * this.channelNames.length];
    this.submitNanos = new long[maxInflight];
    this.submitExecution = new long[maxInflight];
    java.util.Arrays.fill(submitExecution, -1);
  }

  /** The observer of a graph of shape {@code spec}. */
  public static Observer of(io.cgraph.runtime.internal.GraphSpec spec, int maxInflight, boolean timing) {
    List<String> actors = new ArrayList<>();
    for (int i = 0; i < spec.actorCount(); i++) {
      actors.add(spec.actorName(i));
    }
    List<String> channels = new ArrayList<>();
    for (int c = 0; c < spec.channelCount(); c++) {
      channels.add(spec.channel(c).name());
    }
    List<String> collectives = new ArrayList<>();
    List<int[]> participants = new ArrayList<>();
    for (int i = 0; i < spec.collectiveCount(); i++) {
      collectives.add(spec.collectiveName(i));
      participants.add(spec.collectiveParticipants(i));
    }
    return new Observer(spec.graphName(), actors, channels, collectives, participants, maxInflight, timing);
  }

  public ActorProbe actor(int actor) {
    return actors[actor];
  }

  /** The listener of channel {@code channel}'s writer waits. */
  public WaitListener channel(int channel) {
    String name = channelNames[channel];
    return nanos -> {
      int at = 2 * channel;
      LONGS.setOpaque(channelWaits, at, (long) LONGS.getOpaque(channelWaits, at) + 1);
      LONGS.setOpaque(channelWaits, at + 1, (long) LONGS.getOpaque(channelWaits, at + 1) + nanos);
      waitEvent(name, "ring full: the writer waited for its slowest reader", nanos);
    };
  }

  /** Execution {@code execution} was published; under the submit lock. */
  public void submitted(long execution) {
    if (ExecutionEvent.PROBE.isEnabled()) {
      int i = (int) (execution % submitNanos.length);
      submitNanos[i] = System.nanoTime();
      submitExecution[i] = execution;
    }
  }

  /** The result of {@code execution} reached the driver; under the pump lock. */
  public void delivered(long execution, boolean failed) {
    if (failed) {
      FAILURES.setOpaque(this, (long) FAILURES.getOpaque(this) + 1);
    }
    if (ExecutionEvent.PROBE.isEnabled()) {
      int i = (int) (execution % submitNanos.length);
      if (submitExecution[i] == execution) {
        ExecutionEvent e = new ExecutionEvent();
        if (e.shouldCommit()) {
          e.graph = graph;
          e.execution = execution;
          e.latency = System.nanoTime() - submitNanos[i];
          e.failed = failed;
          e.commit();
        }
      }
    }
  }

  /** {@code execute} waited {@code nanos} for capacity; under the submit lock. */
  public void capacityWaited(long nanos) {
    CAPACITY_WAITS.setOpaque(this, (long) CAPACITY_WAITS.getOpaque(this) + 1);
    CAPACITY_NANOS.setOpaque(this, (long) CAPACITY_NANOS.getOpaque(this) + nanos);
    waitEvent("capacity", "execute waited: maxInflight results were unread", nanos);
  }

  private void waitEvent(String channel, String reason, long nanos) {
    if (nanos >= WAIT_THRESHOLD_NANOS && WaitEvent.PROBE.isEnabled()) {
      WaitEvent e = new WaitEvent();
      if (e.shouldCommit()) {
        e.graph = graph;
        e.channel = channel;
        e.reason = reason;
        e.waited = nanos;
        e.commit();
      }
    }
  }

  /**
   * A snapshot; {@code executions} and {@code completed} come from the driver's own cursors,
   * {@code threads} names each actor's thread.
   */
  public GraphStats snapshot(long executions, long completed, GraphStats.JournalStats journal, List<String> threads) {
    List<GraphStats.ActorStats> a = new ArrayList<>(actors.length);
    for (int i = 0; i < actors.length; i++) {
      ActorProbe p = actors[i];
      a.add(new GraphStats.ActorStats(p.actor(), threads.get(i), p.steps(), p.failures(), p.busyNanos()));
    }
    List<GraphStats.ChannelStats> c = new ArrayList<>(channelNames.length);
    for (int i = 0; i < channelNames.length; i++) {
      c.add(new GraphStats.ChannelStats(channelNames[i], (long) LONGS.getOpaque(channelWaits, 2 * i),
          (long) LONGS.getOpaque(channelWaits, 2 * i + 1)));
    }
    List<GraphStats.CollectiveStats> k = new ArrayList<>(collectiveNames.length);
    for (int i = 0; i < collectiveNames.length; i++) {
      List<String> names = new ArrayList<>();
      long runs = Long.MAX_VALUE;
      long nanos = 0;
      for (int p : collectiveParticipants[i]) {
        names.add(actors[p].actor());
        runs = Math.min(runs, actors[p].collectiveRuns(i));
        nanos += actors[p].collectiveNanos(i);
      }
      k.add(new GraphStats.CollectiveStats(collectiveNames[i], names, runs, nanos, collectivesInPlace[i]));
    }
    return new GraphStats(graph, executions, completed, Math.max(0, executions - completed),
        (long) FAILURES.getOpaque(this), (long) CAPACITY_WAITS.getOpaque(this),
        (long) CAPACITY_NANOS.getOpaque(this), timing, a, c, journal, k);
  }

  /** Records, for each collective in program order, whether its participants read each other's arrays in place. */
  public void collectivesInPlace(boolean[] inPlace) {
    this.collectivesInPlace = inPlace.clone();
  }

}
