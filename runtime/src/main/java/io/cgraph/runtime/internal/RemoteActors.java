package io.cgraph.runtime.internal;

import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.channel.Channel;
import java.io.DataInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver's side of the actors of one graph that run in worker processes: marks the channels
 * that cross processes, attaches each remote actor to the graph's channel directory, breaks the
 * graph when a worker dies or a remote actor thread dies, and detaches them at teardown (killing a
 * worker that does not answer within the teardown timeout).
 */
final class RemoteActors {
  private static final System.Logger LOG = System.getLogger("io.cgraph.runtime");
  private static final AtomicLong NEXT_GRAPH = new AtomicLong(1);

  private final GraphRuntime runtime;
  private final GraphSpec spec;
  private final long graphId = NEXT_GRAPH.getAndIncrement();
  /** By actor index; null for actors in this JVM. */
  private final RemoteActorHandle<?>[] remote;
  private final Set<WorkerProcess> workers = new LinkedHashSet<>();
  private final Map<WorkerProcess, CompletableFuture<DataInputStream>> detaching = new ConcurrentHashMap<>();

  private RemoteActors(GraphRuntime runtime, GraphSpec spec, RemoteActorHandle<?>[] remote) {
    this.runtime = runtime;
    this.spec = spec;
    this.remote = remote;
    for (RemoteActorHandle<?> h : remote) {
      if (h != null) {
        workers.add(h.worker);
      }
    }
  }

  /** The remote part of a graph whose {@code actors} may hold {@link RemoteActorHandle}s; null if none does. */
  static RemoteActors of(GraphRuntime runtime, GraphSpec spec, Object[] actors, Channel[] channels) {
    RemoteActorHandle<?>[] remote = new RemoteActorHandle<?>[actors.length];
    boolean any = false;
    for (int i = 0; i < actors.length; i++) {
      if (actors[i] instanceof RemoteActorHandle<?> h) {
        if (!h.actorClass().getName().equals(spec.actorType(i))) {
          throw new IllegalArgumentException(spec.graphName() + ": actor '" + spec.actorName(i) + "' must be a "
              + spec.actorType(i) + ", got a remote " + h.actorClass().getName());
        }
        remote[i] = h;
        any = true;
      }
    }
    if (!any) {
      return null;
    }
    RemoteActors r = new RemoteActors(runtime, spec, remote);
    for (int c = 0; c < channels.length; c++) {
      GraphSpec.ChannelSpec cs = spec.channel(c);
      WorkerProcess writer = r.where(cs.writer());
      for (int reader : cs.readers()) {
        if (r.where(reader) != writer) {
          channels[c].crossProcess();
          break;
        }
      }
    }
    return r;
  }

  /**
   * Splits placements into the actors to lease ({@code actors}: an instance in this JVM, null when a
   * local placement was given a null one, or a remote handle) and the shared threads of the local
   * ones ({@code threads}).
   */
  static void unpack(GraphSpec spec, Placement<?>[] placements, Object[] actors,
      io.cgraph.runtime.ActorThread[] threads) {
    if (placements.length != spec.actorCount()) {
      throw new IllegalArgumentException(spec.graphName() + ": expected " + spec.actorCount() + " placements");
    }
    for (int i = 0; i < placements.length; i++) {
      Placement<?> p = placements[i];
      if (p == null) {
        throw new NullPointerException(spec.graphName() + ": the placement of actor '" + spec.actorName(i) + "' (a "
            + spec.actorType(i) + ") is null; pass Placement.local(actor), ActorThread.place(actor) or a RemoteActor");
      }
      if (p instanceof LocalActor<?> local) {
        actors[i] = local.actor();
        threads[i] = local.thread();
      } else if (p instanceof RemoteActorHandle<?> handle) {
        if (!handle.worker.isAlive()) {
          throw new CGraphException(spec.graphName() + ": actor '" + spec.actorName(i) + "' (" + handle + ") is dead:"
              + " its " + handle.worker.describe() + "; spawn it again on a live worker (Workers.spawn)");
        }
        actors[i] = handle;
      } else if (p instanceof OffHost.Actor<?> offHost) {
        actors[i] = offHost;
      } else {
        throw new IllegalArgumentException(spec.graphName() + ": actor '" + spec.actorName(i) + "': unknown placement "
            + p.getClass().getName() + "; use Placement.local(actor) or Workers.spawn(...)");
      }
    }
  }

  /** The worker that runs {@code actor}, or null for this JVM (the driver and local actors). */
  private WorkerProcess where(int actor) {
    return actor == GraphSpec.DRIVER || remote[actor] == null ? null : remote[actor].worker;
  }

  /** Attaches every remote actor to the graph's channels and starts its thread in its worker. */
  void attach(Class<?> graphClass, Channel[] channels, GraphOptions options, int maxMessage) {
    for (WorkerProcess w : workers) {
      w.register(graphId, this);
      if (!w.isAlive()) {
        throw new CGraphException(spec.graphName() + ": " + w.describe() + " is not running, so its actors cannot"
            + " serve a graph; spawn them on a live worker");
      }
    }
    String dir = runtime.channelDir().toString();
    long timeout = TimeUnit.SECONDS.toNanos(30);
    for (int i = 0; i < remote.length; i++) {
      RemoteActorHandle<?> h = remote[i];
      if (h == null) {
        continue;
      }
      int actor = i;
      h.worker.call(WorkerProtocol.ATTACH, out -> {
        out.writeLong(graphId);
        out.writeUTF(graphClass.getName());
        out.writeUTF(dir);
        out.writeInt(actor);
        out.writeLong(h.id);
        WorkerProtocol.writeSpec(out, spec);
        out.writeInt(channels.length);
        for (Channel c : channels) {
          out.writeUTF(c.name());
        }
        WorkerProtocol.writeWait(out, options.waitStrategy());
        out.writeInt(maxMessage);
      }, timeout, "run actor '" + spec.actorName(i) + "' of " + spec.graphName());
    }
  }

  /**
   * Asks every worker for the counters of this graph's actors there and hands them to {@code sink}
   * (actor index, counters); a worker that does not answer within {@code timeoutNanos} is skipped.
   */
  void counters(java.util.function.BiConsumer<Integer, long[]> sink, long timeoutNanos) {
    List<CompletableFuture<DataInputStream>> replies = new ArrayList<>();
    for (WorkerProcess w : workers) {
      replies.add(w.request(WorkerProtocol.STATS, out -> out.writeLong(graphId)));
    }
    long deadline = System.nanoTime() + timeoutNanos;
    for (CompletableFuture<DataInputStream> f : replies) {
      try {
        HostedGraph.readCounters(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), sink);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException | java.io.IOException e) {
        // that worker's counters stay as last seen
      }
    }
  }

  /** A remote actor's thread died (an {@code Error}): the graph is broken. */
  void actorDied(String what, Throwable cause) {
    runtime.markBroken(what, cause);
  }

  /** A worker process exited: the graph is broken, naming it and the actors it ran. */
  void workerDied(WorkerProcess w) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < remote.length; i++) {
      if (remote[i] != null && remote[i].worker == w) {
        names.add("'" + spec.actorName(i) + "'");
      }
    }
    runtime.markBroken(w.describe() + " while running actor" + (names.size() == 1 ? " " : "s ")
        + String.join(", ", names), null);
  }

  /** Asks every worker to stop this graph's actors (once; replies are awaited by {@link #awaitStopped}). */
  void stop(long teardownNanos) {
    for (WorkerProcess w : workers) {
      detaching.computeIfAbsent(w, k -> {
        CompletableFuture<DataInputStream> f = k.request(WorkerProtocol.DETACH, out -> {
          out.writeLong(graphId);
          out.writeLong(Math.max(1, TimeUnit.NANOSECONDS.toMillis(teardownNanos) * 4 / 5));
        });
        f.whenComplete((reply, error) -> {
          if (error == null) {
            releaseActorsIn(k);
          }
        });
        return f;
      });
    }
  }

  /**
   * Waits until {@code deadlineNanos} for the workers asked by {@link #stop} to confirm, releasing
   * the actors of each that does (a dead worker holds nothing: its actors are released too). Kills
   * nobody: {@link #awaitStopped} does that at close.
   */
  void awaitDetached(long deadlineNanos) {
    for (Map.Entry<WorkerProcess, CompletableFuture<DataInputStream>> e : detaching.entrySet()) {
      try {
        e.getValue().get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        releaseActorsIn(e.getKey());
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException ee) {
        if (!e.getKey().isAlive()) {
          releaseActorsIn(e.getKey());
        }
      } catch (TimeoutException te) {
        // released when it answers, or at close
      }
    }
  }

  private void releaseActorsIn(WorkerProcess w) {
    for (RemoteActorHandle<?> h : remote) {
      if (h != null && h.worker == w) {
        ActorBindings.release(h, runtime);
      }
    }
  }

  /**
   * Waits until {@code deadlineNanos} for the workers to confirm; kills a live worker that does
   * not (it hangs, or its actor ignores interrupts), then releases the remote actors.
   */
  void awaitStopped(long deadlineNanos, Duration teardownTimeout) {
    for (WorkerProcess w : workers) {
      CompletableFuture<DataInputStream> f = detaching.get(w);
      boolean stopped = false;
      try {
        stopped = f.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS).readBoolean();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        stopped = !w.isAlive(); // a dead worker holds nothing
      } catch (TimeoutException | java.io.IOException e) {
        // handled below
      }
      if (!stopped && w.isAlive()) {
        LOG.log(System.Logger.Level.WARNING, spec.graphName() + ": " + w.describe() + " did not stop its actors within"
            + " the teardown timeout of " + teardownTimeout + "; killing it (its other actors are lost)");
        w.kill();
      }
      w.unregister(graphId);
    }
    for (RemoteActorHandle<?> h : remote) {
      if (h != null) {
        ActorBindings.release(h, runtime);
      }
    }
  }
}
