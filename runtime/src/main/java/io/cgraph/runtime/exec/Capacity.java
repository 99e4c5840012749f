package io.cgraph.runtime.exec;

import io.cgraph.runtime.CapacityExceededException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.ReferenceQueue;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * How many executions one graph has in flight: {@code maxInflight} slots, each held by an execution
 * from {@code execute} until its result is read. A taken slot holds its Ref strongly (the fast path
 * allocates nothing else); when capacity runs out, unread Refs are weakened to {@link RefTracker}s,
 * so that those the program dropped can be collected and their slots freed.
 */
final class Capacity {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
  /** A blocked execute re-checks at least this often, even if nobody unparks it. */
  private static final long PARK_NANOS = 200_000;

  /** What the capacity wait needs from its graph. */
  interface Graph {
    /** Throws if the graph is no longer usable. */
    void checkUsable();

    /** Takes whatever results have arrived, without waiting (this may free slots). */
    void pollResults();

    /** Whether every submitted execution's result has arrived and no thread waits in {@code get}. */
    boolean nobodyCouldRead();

    /** The first execution whose result has not been handed to its Ref yet. */
    long undelivered();
  }

  private final String name;
  private final int maxInflight;
  private final Object lock = new Object();
  private final Object[] slots;
  private final int[] freeSlots;
  private int freeCount;
  private final ReferenceQueue<AbstractRef> dropped = new ReferenceQueue<>();
  private volatile Thread waiter;

  Capacity(String name, int maxInflight) {
    this.name = name;
    this.maxInflight = maxInflight;
    this.slots = new Object[maxInflight];
    this.freeSlots = new int[maxInflight];
    for (int i = 0; i < maxInflight; i++) {
      freeSlots[i] = maxInflight - 1 - i;
    }
    this.freeCount = maxInflight;
  }

  /** Takes a free slot for {@code ref} if there is one. */
  boolean tryTake(AbstractRef ref) {
    synchronized (lock) {
      if (freeCount == 0) {
        return false;
      }
      int slot = freeSlots[--freeCount];
      ref.slot = slot;
      SLOTS.setRelease(slots, slot, ref);
      return true;
    }
  }

  /**
   * Waits until a slot is free for {@code ref}, up to {@code timeoutNanos}; frees the slots of dropped
   * Refs on the way. Fails at once when no thread could ever free one.
   */
  void await(AbstractRef ref, long timeoutNanos, Graph graph) {
    long deadline = System.nanoTime() + timeoutNanos;
    boolean collected = false;
    for (;;) {
      graph.pollResults();
      weakenUnread();
      processDropped(graph);
      if (tryTake(ref)) {
        return;
      }
      boolean stuck = graph.nobodyCouldRead();
      if (stuck && !collected) {
        // Every result has arrived and nobody reads: only Refs the program dropped can free a slot.
        // They were just weakened; one collection tells whether there are any, before failing.
        collected = true;
        System.gc();
        continue;
      }
      if (stuck) {
        throw new CapacityExceededException(name + ": all " + maxInflight + " executions in flight ("
            + describeUnread() + ") have finished and wait to be read, and no thread is reading them, so this"
            + " execute could never proceed; call get() on those Refs first, or raise maxInflight"
            + " (@Graph(maxInflight) or GraphOptions.withMaxInflight)");
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new CapacityExceededException(name + ": " + maxInflight + " executions in flight (" + describeUnread()
            + ") and none was read within the submit timeout of " + Duration.ofNanos(timeoutNanos)
            + "; read results with get() sooner, raise maxInflight, or raise GraphOptions.withSubmitTimeout");
      }
      Interrupts.check(name, "waiting in execute for capacity");
      waiter = Thread.currentThread();
      LockSupport.parkNanos(this, Math.min(left, PARK_NANOS));
      waiter = null;
      Interrupts.check(name, "waiting in execute for capacity");
      graph.checkUsable();
    }
  }

  /** The Ref that holds {@code slot}, or null if it was dropped and collected. */
  AbstractRef holder(int slot) {
    Object held = SLOTS.getAcquire(slots, slot);
    return held instanceof RefTracker t ? t.get() : (AbstractRef) held;
  }

  /** Frees {@code slot} when its Ref is gone before its result was delivered. */
  void freeIfDropped(int slot) {
    synchronized (lock) {
      Object held = slots[slot];
      if (held instanceof RefTracker t && t.get() == null) {
        freeSlot(slot);
      }
    }
  }

  /** Frees {@code ref}'s slot (it was consumed, or its execution was cancelled). */
  void free(AbstractRef ref) {
    synchronized (lock) {
      Object o = slots[ref.slot];
      if (o == ref || (o instanceof RefTracker t && t.refersTo(ref))) {
        if (o instanceof RefTracker t) {
          t.clear();
        }
        freeSlot(ref.slot);
      }
    }
  }

  /** Wakes a thread blocked in {@link #await}, so it re-checks the graph. */
  void wake() {
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  /** Replaces the strong Refs in taken slots by weak trackers, so that dropped Refs can be collected. */
  private void weakenUnread() {
    synchronized (lock) {
      for (int s = 0; s < slots.length; s++) {
        if (slots[s] instanceof AbstractRef r) {
          SLOTS.setRelease(slots, s, new RefTracker(r, r.execution, s, dropped));
        }
      }
    }
  }

  /** The executions holding slots, for messages. */
  String describeUnread() {
    long lo = Long.MAX_VALUE;
    long hi = -1;
    synchronized (lock) {
      for (Object o : slots) {
        long e = o instanceof AbstractRef r ? r.execution : o instanceof RefTracker t ? t.execution : -1;
        if (e >= 0) {
          lo = Math.min(lo, e);
          hi = Math.max(hi, e);
        }
      }
    }
    return hi < 0 ? "none" : lo == hi ? "execution #" + lo : "executions between #" + lo + " and #" + hi;
  }

  /**
   * Frees the slots of collected Refs whose results were delivered. A collected Ref whose result has
   * not been delivered yet is freed by the result pump instead, when it finds the Ref gone.
   */
  private void processDropped(Graph graph) {
    RefTracker t;
    while ((t = (RefTracker) dropped.poll()) != null) {
      synchronized (lock) {
        if (slots[t.slot] == t && t.execution < graph.undelivered()) {
          freeSlot(t.slot);
        }
      }
    }
  }

  /** Caller holds the lock. */
  private void freeSlot(int slot) {
    SLOTS.setRelease(slots, slot, null);
    freeSlots[freeCount++] = slot;
    wake();
  }
}
