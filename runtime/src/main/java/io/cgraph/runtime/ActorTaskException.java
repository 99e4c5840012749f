package io.cgraph.runtime;

/**
 * Thrown by {@code get} when an actor method threw during that execution. The message names the
 * actor and the method. The cause is what the actor method threw when the actor runs in this JVM
 * (so {@code getCause() instanceof IllegalArgumentException} works, as Ray's {@code RayTaskError}
 * is an instance of the user's exception class), and a {@link RemoteActorException} carrying the
 * original class name, message and stack trace when it runs in a worker process.
 * {@link #originalClassName()} and {@link #originalMessage()} read the same in both cases.
 * Downstream calls of that execution were skipped; the graph stays usable.
 */
public class ActorTaskException extends CGraphException {
  private static final long serialVersionUID = 1L;

  /** The actor parameter name of the call that failed. */
  private final String actor;
  /** The graph method that threw. */
  private final String method;
  /** The execution number (0-based, in submission order). */
  private final long execution;

  /**
   * Creates the exception for a call of {@code actor}'s {@code method} that threw in {@code execution}.
   *
   * @param message the full message, naming the actor and the method
   * @param actor the actor parameter name of the call that failed
   * @param method the graph method that threw
   * @param execution the execution number (0-based, in submission order)
   * @param cause what the actor method threw, or a {@link RemoteActorException} carrying it; not {@code null}
   */
  public ActorTaskException(String message, String actor, String method, long execution, Throwable cause) {
    super(message, java.util.Objects.requireNonNull(cause, "cause"));
    this.actor = actor;
    this.method = method;
    this.execution = execution;
  }

  /**
   * The actor parameter name of the call that failed.
   *
   * @return the actor's parameter name in the graph method
   */
  public String actor() {
    return actor;
  }

  /**
   * The graph method that threw.
   *
   * @return the name of the graph method that threw
   */
  public String method() {
    return method;
  }

  /**
   * The execution number (0-based, in submission order).
   *
   * @return the number of the execution that failed, from 0
   */
  public long execution() {
    return execution;
  }

  /**
   * The class name of the exception the actor method threw.
   *
   * @return the fully qualified class name of the original exception
   */
  public String originalClassName() {
    return getCause() instanceof RemoteActorException r ? r.originalClassName() : getCause().getClass().getName();
  }

  /**
   * The message of the exception the actor method threw, possibly {@code null}.
   *
   * @return the original exception's message, or {@code null} when it had none
   */
  public String originalMessage() {
    return getCause() instanceof RemoteActorException r ? r.originalMessage() : getCause().getMessage();
  }
}
