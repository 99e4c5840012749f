package io.cgraph.runtime.internal;

/** What an {@link ActorTask} reports to: its graph in the driver, or the graph's part in a worker process. */
interface TaskOwner {
  /** The graph's name, for thread names and messages. */
  String graphName();

  /** Whether the graph still runs; a task that throws after this turned false ends quietly. */
  boolean isRunning();

  /** The task's step threw {@code error} while the graph was running: the graph is broken. */
  void taskFailed(ActorTask task, Throwable error);
}
