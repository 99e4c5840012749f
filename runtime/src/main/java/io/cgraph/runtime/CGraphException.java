package io.cgraph.runtime;

/** Base class of every exception cgraph throws. Messages say what happened and what to do. */
public class CGraphException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with {@code message}.
   *
   * @param message what happened and what to do
   */
  public CGraphException(String message) {
    super(message);
  }

  /**
   * Creates the exception with {@code message} and {@code cause}.
   *
   * @param message what happened and what to do
   * @param cause the exception that led to this one
   */
  public CGraphException(String message, Throwable cause) {
    super(message, cause);
  }
}
