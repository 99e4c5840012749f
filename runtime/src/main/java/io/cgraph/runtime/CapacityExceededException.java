package io.cgraph.runtime;

/** Thrown by {@code execute} when {@code maxInflight} executions are submitted and not yet read, and none is read in time (or none ever could be). */
public class CapacityExceededException extends CGraphException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with {@code message}.
   *
   * @param message what happened and what to do
   */
  public CapacityExceededException(String message) {
    super(message);
  }

  /**
   * Creates the exception with {@code message} and {@code cause}.
   *
   * @param message what happened and what to do
   * @param cause the exception that led to this one
   */
  public CapacityExceededException(String message, Throwable cause) {
    super(message, cause);
  }
}
