package io.cgraph.runtime;

/** Base class of every exception cgraph throws. Messages say what happened and what to do. */
public class CGraphException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CGraphException(String message) {
    super(message);
  }

  public CGraphException(String message, Throwable cause) {
    super(message, cause);
  }
}
