package io.cgraph.runtime;

/** Thrown when a result or a channel slot did not arrive within its timeout. The {@code Ref} stays readable later. */
public class ChannelTimeoutException extends CGraphException {
  private static final long serialVersionUID = 1L;

  public ChannelTimeoutException(String message) {
    super(message);
  }

  public ChannelTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
