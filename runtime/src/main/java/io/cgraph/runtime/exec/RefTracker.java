package io.cgraph.runtime.exec;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Driver-side bookkeeping of one submitted execution. Weak, so that a {@code Ref} dropped without
 * {@code get} is noticed and its capacity slot freed. Guarded by the runtime's capacity lock.
 */
final class RefTracker extends WeakReference<AbstractRef> {
  static final int PENDING = 0;
  static final int READY = 1;

  final long execution;
  final int slot;
  int state = PENDING;
  boolean abandoned;

  RefTracker(AbstractRef ref, long execution, int slot, ReferenceQueue<AbstractRef> queue) {
    super(ref, queue);
    this.execution = execution;
    this.slot = slot;
  }
}
