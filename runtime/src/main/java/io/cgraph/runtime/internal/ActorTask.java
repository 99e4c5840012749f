package io.cgraph.runtime.internal;

import io.cgraph.runtime.WaitStrategy;
import java.util.List;

/**
 * One actor's part of one graph, run by an {@link Executor}: its generated step, the channels that
 * gate it, and every channel end it uses. A batch runs the step for every execution whose gate
 * channels are all published, in execution order, then releases and publishes once
 * ({@link ChannelReader#flush}, {@link ChannelWriter#flush}), as the Disruptor's
 * {@code BatchEventProcessor} does.
 *
 * <p>The gates are the channels the step reads whose writer does not depend on this actor within an
 * execution, so a gated step never waits. A step that also reads a channel written downstream of
 * itself ({@code a → b → a}) waits in the middle ({@code GraphSpec.waitsOnItself}): such an actor
 * gets an executor of its own.
 */
final class ActorTask {
  /** The most executions one batch runs before the executor turns to its other tasks. */
  static final int MAX_BATCH = 256;

  final TaskOwner owner;
  final int actor;
  final String actorName;
  private final ActorStep step;
  private final ChannelReader[] gates;
  private final ChannelReader[] readers;
  private final ChannelWriter[] writers;
  private final ActorProbe probe;
  final WaitStrategy wait;
  private final ActorContext context;
  private long next;

  ActorTask(TaskOwner owner, int actor, String actorName, ActorStep step, List<ChannelReader> gates,
      List<ChannelReader> readers, List<ChannelWriter> writers, ActorProbe probe,
      WaitStrategy wait, ActorContext context) {
    this.context = context;
    this.owner = owner;
    this.actor = actor;
    this.actorName = actorName;
    this.step = step;
    this.gates = gates.toArray(new ChannelReader[0]);
    this.readers = readers.toArray(new ChannelReader[0]);
    this.writers = writers.toArray(new ChannelWriter[0]);
    this.probe = probe;
    this.wait = wait;
    if (this.gates.length == 0) {
      throw new IllegalArgumentException(owner.graphName() + ": actor '" + actorName + "' reads no channel that"
          + " gates its step");
    }
  }

  /** Runs the step for every execution ready now (at most {@link #MAX_BATCH}); returns how many ran. */
  int runBatch() {
    long e = next;
    int n = 0;
    try {
      while (n < MAX_BATCH && ready(e)) {
        context.execution = e;
        step.run(e);
        probe.stepped(e);
        e++;
        n++;
      }
    } finally {
      if (n > 0) {
        next = e;
        flush();
      }
    }
    return n;
  }

  private boolean ready(long exec) {
    for (ChannelReader g : gates) {
      if (!g.isPublished(exec)) {
        return false;
      }
    }
    return true;
  }

  private void flush() {
    for (ChannelReader r : readers) {
      r.flush();
    }
    for (ChannelWriter w : writers) {
      w.flush();
    }
  }

  /**
   * Arms every gate for a park; returns false (and disarms) if one is published already, so the
   * executor must not park.
   */
  boolean arm(Thread executor) {
    long e = next;
    for (int i = 0; i < gates.length; i++) {
      if (gates[i].arm(e, executor)) {
        for (int j = 0; j <= i; j++) {
          gates[j].disarm();
        }
        return false;
      }
    }
    return true;
  }

  void disarm() {
    for (ChannelReader g : gates) {
      g.disarm();
    }
  }

  /** The longest the executor may park for this task's gates before it checks on its own. */
  long parkCapNanos() {
    long cap = Long.MAX_VALUE;
    for (ChannelReader g : gates) {
      cap = Math.min(cap, g.parkCapNanos());
    }
    return cap;
  }

  /** The wait assist of the first gate that has one (see {@link ChannelReader#waitAssist()}), or null. */
  io.cgraph.runtime.channel.WaitAssist waitAssist() {
    for (ChannelReader g : gates) {
      io.cgraph.runtime.channel.WaitAssist a = g.waitAssist();
      if (a != null) {
        return a;
      }
    }
    return null;
  }

  int extraYields() {
    int extra = 0;
    for (ChannelReader g : gates) {
      extra = Math.max(extra, g.extraYields());
    }
    return extra;
  }

  @Override
  public String toString() {
    return owner.graphName() + "." + actorName;
  }
}
