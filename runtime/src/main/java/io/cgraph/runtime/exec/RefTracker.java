package io.cgraph.runtime.exec;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A weakened capacity slot: when {@code execute} runs out of capacity, the runtime replaces the
 * strong references to unread Refs by these, so that a Ref the program dropped without {@code get}
 * is collected and its slot freed. Allocated only on that slow path.
 */
final class RefTracker extends WeakReference<AbstractRef> {
  final long execution;
  final int slot;

  RefTracker(AbstractRef ref, long execution, int slot, ReferenceQueue<AbstractRef> queue) {
    super(ref, queue);
    this.execution = execution;
    this.slot = slot;
  }
}
