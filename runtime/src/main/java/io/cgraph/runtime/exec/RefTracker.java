package io.cgraph.runtime.exec;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Driver-side bookkeeping of one submitted execution. Weak, so that a {@code Ref} dropped without
 * {@code get} is noticed and its capacity slot freed.
 */
final class RefTracker extends WeakReference<AbstractRef> {
  static final int PENDING = 0;
  static final int READY = 1;

  final long execution;
  /** The capacity slot, -1 until one is taken; written under the capacity lock. */
  int slot = -1;
  /** PENDING until the result is delivered to the live Ref. */
  volatile int state = PENDING;

  RefTracker(AbstractRef ref, long execution, ReferenceQueue<AbstractRef> queue) {
    super(ref, queue);
    this.execution = execution;
  }
}
