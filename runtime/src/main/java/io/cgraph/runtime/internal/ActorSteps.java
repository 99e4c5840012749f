package io.cgraph.runtime.internal;

/**
 * The actor steps of one generated graph class, by actor index: its static {@code workerStep}
 * method. Used for placed actors, in this JVM and in worker processes (which find the method by
 * the graph class name once, at attach time).
 */
@FunctionalInterface
public interface ActorSteps {
  /** The step of actor {@code actor} (its index in the graph spec), run on {@code instance}. */
  ActorStep create(int actor, Object instance, ActorContext context);
}
