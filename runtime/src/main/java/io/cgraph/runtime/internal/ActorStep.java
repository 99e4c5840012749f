package io.cgraph.runtime.internal;

/**
 * One actor's share of one execution, generated per actor: read its inputs from channels, call its
 * graph methods in program order, publish their results (or forward failures). An {@code Error}
 * thrown out of it kills the actor's thread and breaks the graph.
 */
@FunctionalInterface
public interface ActorStep {
  void run(long execution);
}
