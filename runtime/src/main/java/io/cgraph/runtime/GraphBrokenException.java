package io.cgraph.runtime;

/** Thrown once an actor thread has died (an {@code Error}) or an actor's process has gone: the graph can no longer run; close it and compile a new one. */
public class GraphBrokenException extends CGraphException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with {@code message}.
   *
   * @param message what happened and what to do
   */
  public GraphBrokenException(String message) {
    super(message);
  }

  /**
   * Creates the exception with {@code message} and {@code cause}.
   *
   * @param message what happened and what to do
   * @param cause the exception that led to this one
   */
  public GraphBrokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
