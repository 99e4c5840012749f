package io.cgraph.runtime;

/** Thrown by {@code compile} when an actor already serves a live graph: close that graph first (one graph per actor). */
public class ActorBusyException extends CGraphException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with {@code message}.
   *
   * @param message what happened and what to do
   */
  public ActorBusyException(String message) {
    super(message);
  }

  /**
   * Creates the exception with {@code message} and {@code cause}.
   *
   * @param message what happened and what to do
   * @param cause the exception that led to this one
   */
  public ActorBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
