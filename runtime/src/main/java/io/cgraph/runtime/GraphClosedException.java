package io.cgraph.runtime;

/** Thrown by calls on a graph after {@code close()}, and by {@code get}s pending when it closed. */
public class GraphClosedException extends CGraphException {
  private static final long serialVersionUID = 1L;

  public GraphClosedException(String message) {
    super(message);
  }

  public GraphClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
