package io.cgraph.runtime;

/**
 * The exception an actor method threw, as it crossed a channel: the original class name, message
 * and stack trace (the original class need not be loadable where it is read).
 */
public class RemoteActorException extends CGraphException {
  private static final long serialVersionUID = 1L;

  private final String originalClassName;

  public RemoteActorException(String originalClassName, String message, StackTraceElement[] stack) {
    super(message == null ? originalClassName : originalClassName + ": " + message);
    this.originalClassName = originalClassName;
    setStackTrace(stack);
  }

  /** The fully qualified class name of the original exception. */
  public String originalClassName() {
    return originalClassName;
  }

  /** The original exception's message, or {@code null}. */
  public String originalMessage() {
    String m = getMessage();
    return m.length() == originalClassName.length() ? null : m.substring(originalClassName.length() + 2);
  }
}
