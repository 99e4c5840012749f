package io.cgraph.runtime.internal;

import io.cgraph.runtime.Failure;
import java.util.ArrayList;
import java.util.List;

/**
 * What an actor's generated step sees of the running graph: its channel ends and its name. The
 * ends it hands out are remembered, so that the executor flushes them once per batch.
 */
public final class ActorContext {
  private final GraphSpec spec;
  private final ChannelEnds ends;
  private final int actor;
  private final ActorProbe probe;
  private final boolean batched;
  private final List<ChannelReader> readers = new ArrayList<>();
  private final List<ChannelWriter> writers = new ArrayList<>();
  /** The execution whose step runs now; set by the task before each step. */
  long execution = -1;
  /** Told at once about each failure of this actor (fast fail), or null (in a worker process). */
  private FailureSink failures;
  private Rendezvous[] rendezvous;

  /** Receives an actor's failure as soon as it happens, before it travels down the channels. */
  interface FailureSink {
    void failed(long execution, Failure failure);
  }

  ActorContext(GraphSpec spec, ChannelEnds ends, int actor, ActorProbe probe, boolean batched) {
    this.spec = spec;
    this.ends = ends;
    this.actor = actor;
    this.probe = probe;
    this.batched = batched;
  }

  /** This actor's counters and JFR call events; the generated step times its calls through it. */
  public ActorProbe probe() {
    return probe;
  }

  /** This actor's reader of channel {@code channel}. */
  public ChannelReader reader(int channel) {
    int index = spec.readerIndex(channel, actor);
    if (index < 0) {
      throw new IllegalStateException(spec.graphName() + ": actor '" + name() + "' does not read channel "
          + spec.channel(channel).name());
    }
    ChannelReader r = ends.reader(channel, index);
    if (!readers.contains(r)) {
      r.unguarded(); // the executor lets go of the task before the channel closes
      if (batched) {
        r.batched();
      }
      readers.add(r);
    }
    return r;
  }

  /** The writer of channel {@code channel}, which this actor owns. */
  public ChannelWriter writer(int channel) {
    if (spec.channel(channel).writer() != actor) {
      throw new IllegalStateException(spec.graphName() + ": actor '" + name() + "' does not write channel "
          + spec.channel(channel).name());
    }
    ChannelWriter w = ends.writer(channel);
    if (!writers.contains(w)) {
      w.unguarded();
      if (batched) {
        w.batched();
      }
      writers.add(w);
    }
    return w;
  }

  /** The index among the graph's collectives of the one whose ring hop {@code channel} is ({@link Collective}). */
  int collectiveOf(int channel) {
    return spec.collectiveOf(channel);
  }

  /**
   * Where the participants of collective {@code index} meet, when they all run in this JVM; null
   * when the collective runs as a ring over its channels.
   */
  Rendezvous rendezvous(int index) {
    return rendezvous == null ? null : rendezvous[index];
  }

  /** The meeting places of the graph's collectives (by index, null entries for rings); before the step is built. */
  void shareCollectives(Rendezvous[] places) {
    this.rendezvous = places;
  }

  /** The failure for {@code thrown}, raised by this actor's {@code method}. */
  public Failure failure(Throwable thrown, String method) {
    probe.failed();
    Failure f = Failure.of(name(), method, thrown);
    FailureSink sink = failures;
    if (sink != null && execution >= 0) {
      sink.failed(execution, f);
    }
    return f;
  }

  /** Reports this actor's failures to {@code sink} as they happen (the driver's fast fail). */
  void reportFailuresTo(FailureSink sink) {
    this.failures = sink;
  }

  /** The actor's parameter name in the graph method. */
  public String name() {
    return spec.actorName(actor);
  }

  /** The task that runs {@code step} (built from this context) for {@code owner}. */
  ActorTask task(TaskOwner owner, ActorStep step, io.cgraph.runtime.WaitStrategy wait) {
    List<ChannelReader> gates = new ArrayList<>();
    for (int c : spec.gates(actor)) {
      gates.add(reader(c));
    }
    return new ActorTask(owner, actor, name(), step, gates, List.copyOf(readers), List.copyOf(writers), probe,
        wait, this);
  }
}
