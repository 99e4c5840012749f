package io.cgraph.runtime;

/** Thrown when a result or a channel slot did not arrive within its timeout. The {@code Ref} stays readable later. */
public class ChannelTimeoutException extends CGraphException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with {@code message}.
   *
   * @param message what happened and what to do
   */
  public ChannelTimeoutException(String message) {
    super(message);
  }

  /**
   * Creates the exception with {@code message} and {@code cause}.
   *
   * @param message what happened and what to do
   * @param cause the exception that led to this one
   */
  public ChannelTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
