package io.cgraph.runtime;

/** Thrown by {@code get} on a {@code Ref} whose result was already taken: a result can be read at most once. */
public class RefAlreadyConsumedException extends CGraphException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with {@code message}.
   *
   * @param message what happened and what to do
   */
  public RefAlreadyConsumedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with {@code message} and {@code cause}.
   *
   * @param message what happened and what to do
   * @param cause the exception that led to this one
   */
  public RefAlreadyConsumedException(String message, Throwable cause) {
    super(message, cause);
  }
}
