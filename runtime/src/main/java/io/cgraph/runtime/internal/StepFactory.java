package io.cgraph.runtime.internal;

/** Builds an actor's {@link ActorStep} once its channels exist. Generated code supplies one per actor. */
@FunctionalInterface
public interface StepFactory {
  ActorStep create(ActorContext context);
}
