package io.cgraph.runtime;

/** Thrown once an actor thread has died (an {@code Error}) or an actor's process has gone: the graph can no longer run; close it and compile a new one. */
public class GraphBrokenException extends CGraphException {
  private static final long serialVersionUID = 1L;

  public GraphBrokenException(String message) {
    super(message);
  }

  public GraphBrokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
