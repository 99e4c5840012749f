package io.cgraph.runtime.internal;

import io.cgraph.runtime.ActorThread;
import io.cgraph.runtime.Placement;

/**
 * {@link Placement#local} and {@link ActorThread#place}: the actor instance itself, run on a thread
 * of this JVM, shared with other actors when {@code thread} is not null.
 */
public record LocalActor<T>(T actor, ActorThread thread) implements Placement<T> {
  public LocalActor(T actor) {
    this(actor, null);
  }

  @Override
  public String toString() {
    return "local " + ActorBindings.describe(actor) + (thread == null ? "" : " on " + thread);
  }
}
