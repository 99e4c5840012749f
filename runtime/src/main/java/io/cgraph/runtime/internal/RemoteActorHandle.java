package io.cgraph.runtime.internal;

import io.cgraph.runtime.RemoteActor;

/** A {@link RemoteActor}: actor number {@code id} in {@code worker}. */
public final class RemoteActorHandle<T> implements RemoteActor<T> {
  private final Class<T> type;
  final WorkerProcess worker;
  final long id;

  RemoteActorHandle(Class<T> type, WorkerProcess worker, long id) {
    this.type = type;
    this.worker = worker;
    this.id = id;
  }

  @Override
  public Class<T> actorClass() {
    return type;
  }

  @Override
  public String workerName() {
    return worker.name();
  }

  @Override
  public java.util.Optional<ProcessHandle> workerProcess() {
    return java.util.Optional.of(worker.process());
  }

  @Override
  public String toString() {
    return type.getName() + " #" + id + " in " + worker.describe();
  }
}
