package io.cgraph.runtime;

/**
 * Thrown when one encoded value (an execution's inputs, or one call's result) is larger than
 * {@code GraphOptions.maxMessageBytes}. Nothing is published: from {@code execute} the execution is
 * not submitted; from an actor, that execution fails with an {@code ActorTaskException} whose cause
 * names this class. The graph stays usable.
 */
public class MessageTooLargeException extends CGraphException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with {@code message}.
   *
   * @param message what happened and what to do
   */
  public MessageTooLargeException(String message) {
    super(message);
  }
}
