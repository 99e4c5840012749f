package io.cgraph.runtime;

import io.cgraph.runtime.internal.SlotReader;
import io.cgraph.runtime.internal.SlotWriter;
import java.util.Objects;

/**
 * An actor method's exception as it crosses a channel: which actor and method threw, and the
 * original class name, message and stack trace. Written into a slot with status FAILURE; a
 * downstream call that reads a failure is skipped and forwards the same failure.
 *
 * <p>Within one JVM the thrown object itself travels beside the bytes ({@link #original()}): the
 * channel keeps it next to the slot, so a reader in the same process gets it back. A reader in
 * another process gets only the bytes.
 */
public final class Failure {
  private final String actor;
  private final String method;
  private final String className;
  private final String message;
  private final StackTraceElement[] stackTrace;
  /** What was thrown, when it was thrown in this JVM; never written into a slot. */
  private final Throwable original;

  /**
   * A failure with no thrown object beside it ({@link #original()} is {@code null}).
   *
   * @param actor the actor parameter name of the call that threw
   * @param method the graph method that threw
   * @param className the fully qualified class name of what was thrown
   * @param message the original message, or {@code null}
   * @param stackTrace the original stack trace; may be empty
   */
  public Failure(String actor, String method, String className, String message, StackTraceElement[] stackTrace) {
    this(actor, method, className, message, stackTrace, null);
  }

  private Failure(String actor, String method, String className, String message, StackTraceElement[] stackTrace,
      Throwable original) {
    this.original = original;
    this.actor = Objects.requireNonNull(actor, "actor");
    this.method = Objects.requireNonNull(method, "method");
    this.className = Objects.requireNonNull(className, "className");
    this.message = message;
    this.stackTrace = Objects.requireNonNull(stackTrace, "stackTrace");
  }

  /**
   * The failure of {@code thrown}, raised by {@code actor.method(...)}.
   *
   * @param actor the actor parameter name of the call that threw
   * @param method the graph method that threw
   * @param thrown what the actor method threw; kept as {@link #original()}
   * @return the failure, with {@code thrown}'s class name, message and stack trace
   */
  public static Failure of(String actor, String method, Throwable thrown) {
    return new Failure(actor, method, thrown.getClass().getName(), thrown.getMessage(), thrown.getStackTrace(),
        thrown);
  }

  /**
   * What the actor method threw, when it ran in this JVM; {@code null} when the failure came from another process.
   *
   * @return the thrown object, or {@code null}
   */
  public Throwable original() {
    return original;
  }

  /**
   * The actor parameter name of the call that threw.
   *
   * @return the actor's parameter name in the graph method
   */
  public String actor() {
    return actor;
  }

  /**
   * The graph method that threw.
   *
   * @return the name of the graph method that threw
   */
  public String method() {
    return method;
  }

  /**
   * The fully qualified class name of what was thrown.
   *
   * @return the original exception's class name
   */
  public String className() {
    return className;
  }

  /**
   * The original message, possibly {@code null}.
   *
   * @return the original message, or {@code null} when it had none
   */
  public String message() {
    return message;
  }

  /**
   * The original stack trace.
   *
   * @return a copy of the original stack trace
   */
  public StackTraceElement[] stackTrace() {
    return stackTrace.clone();
  }

  /**
   * Writes this failure into {@code w}.
   *
   * @param w the writer of the slot the failure goes into
   */
  public void writeTo(SlotWriter w) {
    w.writeString(actor);
    w.writeString(method);
    w.writeString(className);
    w.writeString(message);
    w.writeInt(stackTrace.length);
    for (StackTraceElement e : stackTrace) {
      w.writeString(e.getClassLoaderName());
      w.writeString(e.getModuleName());
      w.writeString(e.getModuleVersion());
      w.writeString(e.getClassName());
      w.writeString(e.getMethodName());
      w.writeString(e.getFileName());
      w.writeInt(e.getLineNumber());
    }
  }

  /**
   * Reads a failure written by {@link #writeTo}.
   *
   * @param r a reader positioned at the failure
   * @return the failure, with the thrown object beside it when the slot was written in this JVM
   */
  public static Failure readFrom(SlotReader r) {
    String actor = r.readString();
    String method = r.readString();
    String className = r.readString();
    String message = r.readString();
    int n = r.readInt();
    StackTraceElement[] stack = new StackTraceElement[n];
    for (int i = 0; i < n; i++) {
      String loader = r.readString();
      String module = r.readString();
      String moduleVersion = r.readString();
      String cls = r.readString();
      String m = r.readString();
      String file = r.readString();
      int line = r.readInt();
      stack[i] = new StackTraceElement(loader, module, moduleVersion, cls, m, file, line);
    }
    return new Failure(actor, method, className, message, stack, r.original());
  }

  @Override
  public String toString() {
    return actor + "." + method + " threw " + className + (message == null ? "" : ": " + message);
  }
}
