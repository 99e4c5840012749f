package io.cgraph.runtime;

/**
 * The exception an actor method threw, as it crossed a channel: the original class name, message
 * and stack trace (the original class need not be loadable where it is read).
 */
public class RemoteActorException extends CGraphException {
  private static final long serialVersionUID = 1L;

  /** The fully qualified class name of the original exception. */
  private final String originalClassName;

  /**
   * Creates the carrier of an exception of class {@code originalClassName}. Its message reads
   * {@code originalClassName: message}, or just the class name when {@code message} is {@code null}.
   *
   * @param originalClassName the fully qualified class name of the original exception
   * @param message the original exception's message, or {@code null}
   * @param stack the original exception's stack trace, which becomes this exception's
   */
  public RemoteActorException(String originalClassName, String message, StackTraceElement[] stack) {
    super(message == null ? originalClassName : originalClassName + ": " + message);
    this.originalClassName = originalClassName;
    setStackTrace(stack);
  }

  /**
   * The fully qualified class name of the original exception.
   *
   * @return the original exception's class name
   */
  public String originalClassName() {
    return originalClassName;
  }

  /**
   * The original exception's message, or {@code null}.
   *
   * @return the original message, or {@code null} when it had none
   */
  public String originalMessage() {
    String m = getMessage();
    return m.length() == originalClassName.length() ? null : m.substring(originalClassName.length() + 2);
  }
}
