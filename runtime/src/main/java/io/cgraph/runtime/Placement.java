package io.cgraph.runtime;

import io.cgraph.runtime.internal.LocalActor;

/**
 * Where an actor of a graph runs: in this JVM ({@link #local}) or in a worker process
 * ({@link Workers#spawn}, which returns a {@link RemoteActor}). Every generated graph class has a
 * {@code compile} overload that takes one {@code Placement} per actor, so local and remote actors
 * mix in one graph:
 *
 * <pre>{@code
 * try (Workers workers = Workers.create(1);
 *      ScoringGraph g = ScoringGraph.compile(Placement.local(new Tokenizer()),
 *          workers.spawn(Model.class, weights), GraphOptions.defaults())) {
 *   float s = g.execute("some text").get();
 * }
 * }</pre>
 *
 * <p>Implemented by cgraph only.
 *
 * @param <T> the actor class
 */
public interface Placement<T> {
  /**
   * The actor {@code actor}, run on a thread of this JVM, exactly as by the plain {@code compile}
   * (which is this placement of each of its actors).
   *
   * @param <T> the actor class
   * @param actor the actor instance; a null one is refused by {@code compile}, with a
   *     {@code NullPointerException} that names the graph, the actor and its class
   * @return the placement of {@code actor} in this JVM
   */
  static <T> Placement<T> local(T actor) {
    return new LocalActor<>(actor);
  }
}
