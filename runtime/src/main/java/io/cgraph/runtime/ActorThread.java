package io.cgraph.runtime;

import io.cgraph.runtime.internal.LocalActor;
import java.util.Objects;

/**
 * A thread that several actors share, across any number of graphs (Flink chains operators onto one
 * thread the same way). By default every actor gets a thread of its own; put actors on one
 * {@code ActorThread} when their calls are short next to a hand-off between threads, or when
 * threads would outnumber the cores:
 *
 * <pre>{@code
 * ActorThread stages = ActorThread.named("stages");
 * try (OrderGraph g = OrderGraph.compile(stages.place(parser), stages.place(pricer),
 *     Placement.local(model), GraphOptions.defaults())) { ... }
 * }</pre>
 *
 * <p>The thread ({@code cgraph-<name>}) runs the calls of its actors for every execution that has
 * its inputs, a batch at a time, each actor's calls in program order and each graph in execution
 * order. One actor that blocks delays only the actors on its thread. The thread starts with the
 * first graph that uses it and ends when the last such graph closes; the next graph starts a new
 * one. An actor that is already serving a live graph stays on the thread it runs on: place it on
 * the same {@code ActorThread} again, or with {@link Placement#local}.
 *
 * <p>An actor whose calls wait, within one execution, on another actor that itself waits on it
 * ({@code a.f → b.g → a.h}) needs a thread of its own: placing it on a shared thread fails at
 * {@code compile} with a message that names the actors.
 */
public final class ActorThread {
  private final String name;

  private ActorThread(String name) {
    this.name = name;
  }

  /**
   * A new shared thread, called {@code cgraph-<name>} in thread dumps.
   *
   * @param name the thread's name without the {@code cgraph-} prefix; not blank
   * @return a new {@code ActorThread}, not started until a graph uses it
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static ActorThread named(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an ActorThread needs a non-blank name");
    }
    return new ActorThread(name);
  }

  /**
   * Places {@code actor} on this thread, for a generated {@code compile(Placement...)}.
   *
   * @param <T> the actor class
   * @param actor the actor instance to run on this thread; a null one is refused by {@code compile},
   *     as by {@link Placement#local}
   * @return the placement of {@code actor} on this thread
   */
  public <T> Placement<T> place(T actor) {
    return new LocalActor<>(actor, this);
  }

  /**
   * The name given to {@link #named}.
   *
   * @return the name, without the {@code cgraph-} prefix
   */
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return "ActorThread[cgraph-" + name + "]";
  }
}
