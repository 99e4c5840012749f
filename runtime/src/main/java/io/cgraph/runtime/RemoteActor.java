package io.cgraph.runtime;

/**
 * An actor that lives in a worker process, created there by {@link Workers#spawn} from its class
 * and constructor arguments (Ray's {@code Actor.remote(args)}). Hand it to a generated
 * {@code compile(Placement...)} in place of a local instance. Like a local actor it serves one
 * live graph at a time, on a thread of its worker; it lives until its {@link Workers} closes or
 * its worker process dies.
 *
 * @param <T> the actor class
 */
public interface RemoteActor<T> extends Placement<T> {
  /** The actor's class. */
  Class<T> actorClass();

  /** The name of the worker process that holds the actor ({@code cgraph-worker-<n>} by default). */
  String workerName();

  /** The worker process that holds the actor. */
  ProcessHandle workerProcess();
}
