package io.cgraph.runtime;

/** Thrown by calls on a graph after {@code close()}, and by {@code get}s pending when it closed. */
public class GraphClosedException extends CGraphException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with {@code message}.
   *
   * @param message what happened and what to do
   */
  public GraphClosedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with {@code message} and {@code cause}.
   *
   * @param message what happened and what to do
   * @param cause the exception that led to this one
   */
  public GraphClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
