package io.cgraph.runtime;

/** Thrown by {@code execute} when {@code maxInflight} executions are submitted and not yet read, and none is read in time (or none ever could be). */
public class CapacityExceededException extends CGraphException {
  private static final long serialVersionUID = 1L;

  public CapacityExceededException(String message) {
    super(message);
  }

  public CapacityExceededException(String message, Throwable cause) {
    super(message, cause);
  }
}
