package io.cgraph.runtime.exec;

import io.cgraph.runtime.Placement;

/** {@link Placement#local}: the actor instance itself, run on a thread of this JVM. */
public record LocalActor<T>(T actor) implements Placement<T> {
  @Override
  public String toString() {
    return "local " + ActorLeases.describe(actor);
  }
}
