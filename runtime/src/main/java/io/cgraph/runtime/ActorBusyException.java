package io.cgraph.runtime;

/** Thrown by {@code compile} when an actor already serves a live graph: close that graph first (one graph per actor). */
public class ActorBusyException extends CGraphException {
  private static final long serialVersionUID = 1L;

  public ActorBusyException(String message) {
    super(message);
  }

  public ActorBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
