package io.cgraph.runtime.internal;

import io.cgraph.runtime.CGraphException;

/** How driver waits answer an interrupt: promptly, with an exception that says so, the flag kept set. */
final class Interrupts {
  private Interrupts() {}

  /** Throws if the calling thread is interrupted; its interrupt flag stays set. */
  static void check(String graph, String what) {
    if (Thread.currentThread().isInterrupted()) {
      throw interrupted(graph, what);
    }
  }

  /** As {@link #check(String, String)} for a thread waiting in get for {@code execution} (no message built unless thrown). */
  static void checkGet(String graph, long execution) {
    if (Thread.currentThread().isInterrupted()) {
      throw interrupted(graph, "waiting in get for the result of execution #" + execution);
    }
  }

  private static CGraphException interrupted(String graph, String what) {
    return new CGraphException(graph + ": interrupted while " + what + "; the interrupt flag stays set, and the"
        + " graph stays usable (a Ref stays readable)", new InterruptedException());
  }
}
