package io.cgraph.runtime;

import java.util.Optional;

/**
 * An actor that lives outside this JVM: in a worker process on this host, created by
 * {@link Workers#spawn}, or on another host, created through the {@code cgraph-cluster} module's
 * {@code CGraphCluster.spawn}; in both cases from its class and constructor arguments (Ray's
 * {@code Actor.remote(args)}). Hand it to a generated {@code compile(Placement...)} in place of a
 * local instance. Like a local actor it serves one live graph at a time, on a thread of its worker
 * or host; it lives until its {@link Workers} (or cluster connection) closes or its process dies,
 * and an actor on another host also until this handle is garbage (its host then drops it).
 *
 * @param <T> the actor class
 */
public interface RemoteActor<T> extends Placement<T> {
  /**
   * The actor's class.
   *
   * @return the class the actor was created from
   */
  Class<T> actorClass();

  /**
   * The name of the worker process ({@code cgraph-worker-<n>} by default) or of the host agent
   * that holds the actor.
   *
   * @return the worker's or host agent's name
   */
  String workerName();

  /**
   * The worker process that holds the actor, when it is on this host; empty for an actor on another host.
   *
   * @return the worker process, or empty when the actor is on another host
   */
  Optional<ProcessHandle> workerProcess();
}
