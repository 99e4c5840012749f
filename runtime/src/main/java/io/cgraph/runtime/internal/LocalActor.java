package io.cgraph.runtime.internal;

import io.cgraph.runtime.ActorThread;
import io.cgraph.runtime.Placement;

/**
 * {@link Placement#local} and {@link ActorThread#place}: the actor instance itself, run on a thread
 * of this JVM, shared with other actors when {@code thread} is not null. A null {@code actor} is
 * refused when a graph starts ({@code GraphRuntime.start}), where the message can name the actor.
 */
public record LocalActor<T>(T actor, ActorThread thread) implements Placement<T> {
  public LocalActor(T actor) {
    this(actor, null);
  }

  @Override
  public String toString() {
    return "local " + (actor == null ? "null" : ActorBindings.describe(actor)) + (thread == null ? "" : " on " + thread);
  }
}
