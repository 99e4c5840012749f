package io.cgraph.runtime.internal;

import io.cgraph.runtime.ActorBusyException;
import io.cgraph.runtime.ActorThread;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which executor each actor instance lives on, and which live graphs use it (by identity). An actor
 * in this JVM may serve any number of graphs, all on its one executor; it is bound when its first
 * graph starts and unbound when its last one ends. An actor in a worker process
 * ({@link RemoteActorHandle}) serves one graph at a time: its worker attaches it to one graph's
 * channels.
 */
final class ActorBindings {
  private static final Map<Object, Binding> BOUND = new IdentityHashMap<>();
  private static final Map<ActorThread, Shared> SHARED = new IdentityHashMap<>();

  /** One actor's executor and the graphs it serves. */
  private static final class Binding {
    final Shared home;
    final ActorThread thread;
    final boolean blocking;
    final List<Object> graphs = new ArrayList<>();

    Binding(Shared home, ActorThread thread, boolean blocking) {
      this.home = home;
      this.thread = thread;
      this.blocking = blocking;
    }
  }

  /** An executor and how many actor bindings use it; retired when none does. */
  private static final class Shared {
    final Executor executor;
    final ActorThread thread;
    int users;
    boolean hostsBlocking;

    Shared(Executor executor, ActorThread thread) {
      this.executor = executor;
      this.thread = thread;
    }
  }

  private ActorBindings() {}

  /**
   * Binds every actor of one starting graph, or none: returns the executor of each local actor
   * ({@code null} for remote ones, which are only leased). {@code threads[i]} is the shared thread
   * actor {@code i} was placed on, or null; {@code blocking[i]} says that its step waits in the middle.
   */
  static synchronized Executor[] bind(GraphSpec spec, Object owner, Object[] actors, ActorThread[] threads,
      boolean[] blocking, java.util.concurrent.ThreadFactory factory) {
    String graph = spec.graphName();
    Map<Object, String> seen = new IdentityHashMap<>();
    for (int i = 0; i < actors.length; i++) {
      String name = spec.actorName(i);
      String earlier = seen.put(actors[i], name);
      if (earlier != null) {
        throw new ActorBusyException(graph + ": the same " + spec.actorType(i) + " instance was passed as both '"
            + earlier + "' and '" + name + "'; each actor parameter's calls run in their own program order, so pass a"
            + " separate instance for each");
      }
      check(spec, graph, i, actors[i], threads[i], blocking[i]);
    }
    Executor[] executors = new Executor[actors.length];
    for (int i = 0; i < actors.length; i++) {
      Binding b = BOUND.get(actors[i]);
      if (b == null) {
        Shared home;
        if (actors[i] instanceof io.cgraph.runtime.RemoteActor<?>) {
          home = null;
        } else if (threads[i] != null) {
          home = SHARED.computeIfAbsent(threads[i], t -> new Shared(new Executor("cgraph-" + t.name(), factory), t));
        } else {
          home = new Shared(new Executor("cgraph-" + graph + "-" + spec.actorName(i), factory), null);
        }
        if (home != null) {
          home.users++;
          home.hostsBlocking |= blocking[i];
        }
        b = new Binding(home, threads[i], blocking[i]);
        BOUND.put(actors[i], b);
      }
      b.graphs.add(owner);
      executors[i] = b.home == null ? null : b.home.executor;
    }
    return executors;
  }

  private static void check(GraphSpec spec, String graph, int i, Object actor, ActorThread thread, boolean blocking) {
    String name = spec.actorName(i);
    Binding b = BOUND.get(actor);
    if (b != null && actor instanceof io.cgraph.runtime.RemoteActor<?>) {
      Object other = b.graphs.get(0);
      if (other instanceof GraphRuntime r && r.isClosed()) {
        throw new ActorBusyException(graph + ": actor '" + name + "' (" + describe(actor) + ") served " + other
            + ", whose worker or host has not confirmed that the actor stopped (a call still running past the"
            + " teardown timeout); it is free again once that call returns and its worker or host says so, or spawn"
            + " another instance");
      }
      throw new ActorBusyException(graph + ": actor '" + name + "' (" + describe(actor) + ") already serves "
          + other + "; an actor in a worker process or on another host serves one graph at a time (its"
          + " worker or host attaches it to that graph's channels), so close that graph first or spawn another instance");
    }
    if (b != null && (blocking || b.blocking)) {
      throw new ActorBusyException(graph + ": actor '" + name + "' (" + describe(actor) + ") already serves "
          + b.graphs.get(0) + ", and " + (blocking ? "in " + graph + " its calls wait" : "there its calls wait")
          + " within one execution for a value that depends on its own earlier call (a -> b -> a), so its thread cannot"
          + " be shared; close that graph first or pass another instance");
    }
    if (b != null && thread != null && b.thread != thread) {
      throw new ActorBusyException(graph + ": actor '" + name + "' (" + describe(actor) + ") already runs on "
          + (b.thread == null ? "a thread of its own" : b.thread) + " for " + b.graphs.get(0) + "; an actor lives on"
          + " one thread, so place it on that same thread, or with Placement.local, while that graph is open");
    }
    if (thread != null && b == null) {
      Shared home = SHARED.get(thread);
      if (blocking) {
        throw new IllegalArgumentException(graph + ": actor '" + name + "' cannot share " + thread + ": its calls"
            + " wait within one execution for a value that depends on its own earlier call (a -> b -> a), or it"
            + " takes part in a collective (which waits for its peers), either of which would stall the other"
            + " actors of that thread; place it with Placement.local (a thread of its own)");
      }
      if (home != null && home.hostsBlocking) {
        throw new IllegalArgumentException(graph + ": " + thread + " runs an actor whose calls wait in the middle of"
            + " an execution; place actor '" + name + "' on another thread");
      }
    }
  }

  /** Unbinds {@code actor} from {@code owner}'s graph; the last graph's unbinding retires an unshared executor. */
  static synchronized void release(Object actor, Object owner) {
    Binding b = BOUND.get(actor);
    if (b == null || !b.graphs.remove(owner)) {
      return;
    }
    if (!b.graphs.isEmpty()) {
      return;
    }
    BOUND.remove(actor);
    Shared home = b.home;
    if (home != null && --home.users == 0) {
      if (home.thread != null) {
        SHARED.remove(home.thread);
      }
      home.executor.retire();
    }
  }

  static String describe(Object actor) {
    return actor.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(actor));
  }
}
