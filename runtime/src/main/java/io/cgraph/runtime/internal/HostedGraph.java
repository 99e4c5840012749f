package io.cgraph.runtime.internal;

import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.GraphClosedException;
import io.cgraph.runtime.WaitStrategy;
import io.cgraph.runtime.channel.Channel;
import io.cgraph.runtime.channel.Liveness;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The actors of one graph that run away from its driver (in a worker process, or on a host agent
 * of another machine), with the channel ends they use: each actor's generated {@code workerStep}
 * runs on an executor of its own, the same loop as in the driver's JVM. Internal (the cluster
 * module uses it too).
 */
public final class HostedGraph {
  /** What a hosted graph reports to whoever hosts it. */
  public interface Events {
    /** Actor thread died of {@code error} (an {@code Error} escaped the step): the graph is broken. */
    void actorDied(String what, Throwable error);
  }

  private final GraphSpec spec;
  private final WaitStrategy wait;
  private final String where;
  private final Events events;
  private final Channel[] channels;
  private final List<Executor> executors = new ArrayList<>();
  private final List<TaskOwner> owners = new ArrayList<>();
  private final java.util.Map<Integer, ActorProbe> probes = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean stopped;
  private final Liveness liveness;

  /** {@code where} names the host in messages, e.g. {@code "worker w-0, pid 42"}. */
  public HostedGraph(GraphSpec spec, WaitStrategy wait, String where, Events events) {
    this.spec = spec;
    this.wait = wait;
    this.where = where;
    this.events = events;
    this.channels = new Channel[spec.channelCount()];
    this.liveness = () -> {
      if (stopped) {
        throw new GraphClosedException(spec.graphName() + " was closed or broken by its driver");
      }
    };
  }

  public GraphSpec spec() {
    return spec;
  }

  /** Fails every wait of this graph's channels once the graph is stopped. */
  public Liveness liveness() {
    return liveness;
  }

  /** Opens channel {@code c}, which the driver created as {@code dir/stem} on this host (once). */
  public synchronized Channel openChannel(int c, Path dir, String stem) {
    if (channels[c] == null) {
      channels[c] = Channel.open(dir, stem, wait, liveness);
    }
    return channels[c];
  }

  /** Creates channel {@code c} here (a host of its own): its ring, with every reader of the graph. */
  public synchronized Channel createChannel(int c, Path dir, String stem, int ringSlots, int bufferBytes) {
    if (channels[c] == null) {
      channels[c] = Channel.create(dir, stem, ringSlots, bufferBytes, spec.channel(c).readers().length, wait,
          liveness);
    }
    return channels[c];
  }

  /** Channel {@code c}, or null if this host does not have it. */
  public synchronized Channel channel(int c) {
    return channels[c];
  }

  /**
   * Runs actor {@code actor} ({@code instance}) of the graph generated as {@code graphClass} on an
   * executor of its own; the channels it reads and writes must be open here.
   */
  public void startActor(int actor, Object instance, Class<?> graphClass, int maxMessage) throws Throwable {
    ActorContext ctx = context(actor, graphClass, maxMessage);
    start(actor, ctx, step(actor, instance, graphClass, ctx));
  }

  /**
   * An actor run by a thread of the host's own (a host agent's data thread) instead of an executor:
   * each {@link Inline#runReady()} runs the step for the executions ready now and returns how many ran,
   * never waiting. A call that throws an {@code Error} breaks the graph (as on an executor) and the
   * actor runs no more. Whoever calls {@code runReady} must stop before {@link #stop} closes the channels.
   */
  public Inline startActorInline(int actor, Object instance, Class<?> graphClass, int maxMessage) throws Throwable {
    ActorContext ctx = context(actor, graphClass, maxMessage);
    ActorTask task = ctx.task(owner(actor), step(actor, instance, graphClass, ctx), wait);
    return new Inline() {
      private boolean dead;

      @Override
      public int runReady() {
        if (dead || stopped) {
          return 0;
        }
        try {
          return task.runBatch();
        } catch (Throwable e) {
          dead = true;
          task.owner.taskFailed(task, e);
          return 1;
        }
      }
    };
  }

  /** An actor run by a host's own thread; see {@link #startActorInline}. */
  public interface Inline {
    /** Runs the actor's step for every execution ready now (a batch), without waiting; how many ran. */
    int runReady();
  }

  private ActorStep step(int actor, Object instance, Class<?> graphClass, ActorContext ctx) throws Throwable {
    MethodHandle workerStep = MethodHandles.publicLookup().findStatic(graphClass, "workerStep",
        MethodType.methodType(ActorStep.class, int.class, Object.class, ActorContext.class));
    return (ActorStep) workerStep.invoke(actor, instance, ctx);
  }

  private ActorContext context(int actor, Class<?> graphClass, int maxMessage) {
    synchronized (this) {
      for (int c = 0; c < channels.length; c++) {
        GraphSpec.ChannelSpec cs = spec.channel(c);
        boolean writes = cs.writer() == actor;
        if ((writes || spec.readerIndex(c, actor) >= 0) && channels[c] == null) {
          throw new CGraphException(spec.graphName() + ": channel " + cs.name() + " of actor '"
              + spec.actorName(actor) + "' is not open on " + where);
        }
        if (writes) {
          channels[c].writer().limitMessages(maxMessage, spec.graphName() + " channel " + cs.name());
        }
      }
      ActorProbe probe = new ActorProbe(spec.graphName(), spec.actorName(actor), false, spec.collectiveCount());
      probes.put(actor, probe);
      return new ActorContext(spec, ChannelEnds.of(channels), actor, probe, !spec.waitsOnItself(actor));
    }
  }

  private TaskOwner owner(int actor) {
    return new TaskOwner() {
      @Override
      public String graphName() {
        return spec.graphName();
      }

      @Override
      public boolean isRunning() {
        return !stopped;
      }

      @Override
      public void taskFailed(ActorTask task, Throwable e) {
        events.actorDied("actor '" + spec.actorName(actor) + "' (thread " + Thread.currentThread().getName() + " on "
            + where + ") died of " + e, e);
      }
    };
  }

  private synchronized void start(int actor, ActorContext ctx, ActorStep step) {
    TaskOwner owner = owner(actor);
    Executor executor = new Executor("cgraph-" + spec.graphName() + "-" + spec.actorName(actor), null);
    executor.add(ctx.task(owner, step, wait));
    executor.retire(); // ends when the task is removed (stop) or dies
    executors.add(executor);
    owners.add(owner);
  }

  /** The counters of each actor that runs here (steps, failures, busy nanoseconds), by actor index. */
  public java.util.Map<Integer, long[]> counters() {
    java.util.Map<Integer, long[]> m = new java.util.TreeMap<>();
    probes.forEach((actor, probe) -> m.put(actor, probe.counters()));
    return m;
  }

  /** Writes {@link #counters()}: a count, then actor index, the number of longs and the longs each. */
  public void writeCounters(java.io.DataOutputStream out) throws java.io.IOException {
    java.util.Map<Integer, long[]> m = counters();
    out.writeInt(m.size());
    for (java.util.Map.Entry<Integer, long[]> e : m.entrySet()) {
      out.writeInt(e.getKey());
      out.writeInt(e.getValue().length);
      for (long v : e.getValue()) {
        out.writeLong(v);
      }
    }
  }

  /** Reads what {@link #writeCounters} wrote, handing each actor's counters to {@code sink}. */
  public static void readCounters(java.io.DataInputStream in, java.util.function.BiConsumer<Integer, long[]> sink)
      throws java.io.IOException {
    for (int n = in.readInt(); n > 0; n--) {
      int actor = in.readInt();
      int count = in.readInt();
      if (count < 0 || count > 1 << 20) {
        throw new java.io.IOException("corrupt counters: " + count + " values for actor " + actor);
      }
      long[] counters = new long[count];
      for (int i = 0; i < counters.length; i++) {
        counters[i] = in.readLong();
      }
      sink.accept(actor, counters);
    }
  }

  /** Whether {@link #stop} was called. */
  public boolean isStopped() {
    return stopped;
  }

  /**
   * Stops the actors (grace, then interrupt, until {@code teardownNanos}) and closes the channels
   * once all have stopped; false if one did not stop in time (its channels stay mapped).
   */
  public boolean stop(long teardownNanos) {
    stopped = true;
    List<Executor> es;
    List<TaskOwner> os;
    Channel[] cs;
    synchronized (this) {
      es = List.copyOf(executors);
      os = List.copyOf(owners);
      cs = channels.clone();
    }
    for (Channel c : cs) {
      if (c != null) {
        c.wakeAll();
      }
    }
    long deadline = System.nanoTime() + teardownNanos;
    boolean allStopped = true;
    long graceful = Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
    for (int i = 0; i < es.size(); i++) {
      Executor e = es.get(i);
      allStopped &= e.awaitRemoval(e.remove(os.get(i)), os.get(i), graceful, deadline);
    }
    if (allStopped) {
      for (Channel c : cs) {
        if (c != null) {
          c.close();
        }
      }
      Channel.finishUnmapping();
    }
    return allStopped;
  }
}
