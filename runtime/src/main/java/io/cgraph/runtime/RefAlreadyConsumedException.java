package io.cgraph.runtime;

/** Thrown by {@code get} on a {@code Ref} whose result was already taken: a result can be read at most once. */
public class RefAlreadyConsumedException extends CGraphException {
  private static final long serialVersionUID = 1L;

  public RefAlreadyConsumedException(String message) {
    super(message);
  }

  public RefAlreadyConsumedException(String message, Throwable cause) {
    super(message, cause);
  }
}
