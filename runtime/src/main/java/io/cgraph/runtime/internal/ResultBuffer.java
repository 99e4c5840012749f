package io.cgraph.runtime.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * The results that have left the pipeline and are not read yet: a Ref whose result the pump
 * delivered before its {@code get}, or a completed {@code executeAsync} future nobody has looked at.
 * {@code execute} fails with {@code CapacityExceededException} once {@code maxBufferedResults} of
 * them wait (the pump itself never waits on this buffer: it delivers past the limit by at most the
 * pipeline's {@code maxInflight}, so the channels never wait on an unread result).
 *
 * <p>Entries are held strongly; a program that drops Refs without reading them is noticed when the
 * buffer is full: entries are weakened then, collected ones free their place, and from then on new
 * entries are tracked weakly from the start (one small object each), so that ordinary collections
 * keep freeing them. Only when that finds nothing does the buffer ask for one collection.
 */
final class ResultBuffer {
  /**
   * An entry: a delivered, unread {@link AbstractRef} or a completed {@link ResultFuture} nobody has
   * looked at. Both keep their place in a package field ({@code bufferSlot}, under this buffer's lock),
   * so nothing of this shows on the generated Refs' public surface.
   */
  private static long execution(Object e) {
    return e instanceof AbstractRef r ? r.execution : ((ResultFuture<?, ?>) e).ref.execution;
  }

  private static int slotOf(Object e) {
    return e instanceof AbstractRef r ? r.bufferSlot : ((ResultFuture<?, ?>) e).bufferSlot;
  }

  private static void slotOf(Object e, int slot) {
    if (e instanceof AbstractRef r) {
      r.bufferSlot = slot;
    } else {
      ((ResultFuture<?, ?>) e).bufferSlot = slot;
    }
  }

  /** Whether the program has taken the result already (then it must not be buffered). */
  private static boolean taken(Object e) {
    return e instanceof AbstractRef r ? r.state == AbstractRef.CONSUMED : ((ResultFuture<?, ?>) e).observed;
  }

  /** A weakly held entry, freed when the program dropped it. */
  private static final class Tracker extends WeakReference<Object> {
    final long execution;
    final int slot;
    final boolean future;

    Tracker(Object e, int slot, ReferenceQueue<Object> queue) {
      super(e, queue);
      this.execution = execution(e);
      this.slot = slot;
      this.future = e instanceof ResultFuture<?, ?>;
    }
  }

  private final int limit;
  private final Object lock = new Object();
  /** Entry or Tracker per place; grows past {@code limit} by at most the pipeline's size. */
  private Object[] slots;
  private int[] free;
  private int freeCount;
  private volatile int size;
  private final ReferenceQueue<Object> dropped = new ReferenceQueue<>();
  /** Set once the program was seen dropping results: entries are tracked weakly from then on. */
  private boolean weak;

  ResultBuffer(int limit, int overshoot) {
    this.limit = limit;
    int capacity = limit + overshoot;
    this.slots = new Object[capacity];
    this.free = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      free[i] = capacity - 1 - i;
    }
    this.freeCount = capacity;
  }

  int limit() {
    return limit;
  }

  /** How many results wait to be read. */
  int size() {
    return size;
  }

  boolean full() {
    return size >= limit;
  }

  /** Buffers {@code e} unless the program has taken it already. */
  void add(Object e) {
    synchronized (lock) {
      if (taken(e) || slotOf(e) >= 0) {
        return;
      }
      if (freeCount == 0) {
        grow();
      }
      int s = free[--freeCount];
      slots[s] = weak ? new Tracker(e, s, dropped) : e;
      slotOf(e, s);
      size++;
    }
  }

  /** Frees {@code e}'s place, if it has one (the program took its result). */
  void remove(Object e) {
    synchronized (lock) {
      int s = slotOf(e);
      if (s < 0) {
        return;
      }
      Object held = slots[s];
      if (held == e || (held instanceof Tracker t && t.refersTo(e))) {
        if (held instanceof Tracker t) {
          t.clear();
        }
        freeSlot(s);
      }
      slotOf(e, -1);
    }
  }

  /**
   * Tries to make room by freeing entries the program dropped: first those the collector already
   * reported, then, if the buffer is still full and {@code collect}, after weakening every entry and
   * one {@code System.gc()}. Returns whether there is room.
   */
  boolean reclaim(boolean collect) {
    processDropped();
    if (!full() || !collect) {
      return !full();
    }
    synchronized (lock) {
      weak = true;
      for (int s = 0; s < slots.length; s++) {
        Object e = slots[s];
        if (e != null && !(e instanceof Tracker)) {
          slots[s] = new Tracker(e, s, dropped);
        }
      }
    }
    System.gc();
    // The collector has cleared what was dropped; its queue may report it later (on a busy machine, much
    // later), so look at the entries themselves. A freed entry reported again is ignored.
    synchronized (lock) {
      for (int s = 0; s < slots.length; s++) {
        if (slots[s] instanceof Tracker t && t.refersTo(null)) {
          freeSlot(s);
        }
      }
    }
    processDropped();
    return !full();
  }

  /** The unread executions, for messages: "executions #3, #7 and #9" or "48 executions between #0 and #52". */
  String describe() {
    long lo = Long.MAX_VALUE;
    long hi = -1;
    int count = 0;
    int futures = 0;
    long[] few = new long[3];
    synchronized (lock) {
      for (Object o : slots) {
        long e;
        boolean future;
        if (o == null) {
          continue;
        } else if (o instanceof Tracker t) {
          e = t.execution;
          future = t.future;
        } else {
          e = execution(o);
          future = o instanceof ResultFuture<?, ?>;
        }
        if (count < few.length) {
          few[count] = e;
        }
        count++;
        futures += future ? 1 : 0;
        lo = Math.min(lo, e);
        hi = Math.max(hi, e);
      }
    }
    String which;
    if (count == 0) {
      which = "none";
    } else if (count <= few.length) {
      java.util.Arrays.sort(few, 0, count);
      StringBuilder b = new StringBuilder(count == 1 ? "execution " : "executions ");
      for (int i = 0; i < count; i++) {
        b.append(i == 0 ? "" : i == count - 1 ? " and " : ", ").append('#').append(few[i]);
      }
      which = b.toString();
    } else {
      which = count + " executions between #" + lo + " and #" + hi;
    }
    if (futures > 0) {
      which += futures == count ? (count == 1 ? ", a completed executeAsync future" : ", all completed executeAsync futures")
          : ", " + futures + " of them completed executeAsync futures";
      which += " that nobody has looked at";
    }
    return which;
  }

  private void processDropped() {
    Tracker t;
    while ((t = (Tracker) dropped.poll()) != null) {
      free(t);
    }
  }

  private void free(Tracker t) {
    synchronized (lock) {
      if (slots[t.slot] == t) {
        freeSlot(t.slot);
      }
    }
  }

  /** Caller holds the lock. */
  private void freeSlot(int s) {
    slots[s] = null;
    free[freeCount++] = s;
    size--;
  }

  /** Caller holds the lock. Entries overshoot the limit by at most the executions admitted before it was reached. */
  private void grow() {
    int old = slots.length;
    slots = java.util.Arrays.copyOf(slots, old * 2);
    free = java.util.Arrays.copyOf(free, old * 2);
    for (int i = old * 2 - 1; i >= old; i--) {
      free[freeCount++] = i;
    }
  }
}
