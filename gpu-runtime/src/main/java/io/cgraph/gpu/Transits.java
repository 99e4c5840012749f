package io.cgraph.gpu;

import io.cgraph.runtime.internal.SlotWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process registry of tensors in transit through channels: each entry holds one reference
 * to the memory from {@link DeviceTensorCodec#write} until the last expected reader has taken its
 * own reference (or until the entry is released because nobody will read it).
 */
final class Transits {
  /** Identifies this JVM in descriptors: a reader with another token is in another process. */
  static final long JVM_TOKEN = ThreadLocalRandom.current().nextLong() | 1L;
  static final long PID = ProcessHandle.current().pid();

  private static final AtomicLong NEXT_ID = new AtomicLong(1);
  private static final ConcurrentHashMap<Long, Entry> LIVE = new ConcurrentHashMap<>();

  private Transits() {}

  private static final class Entry {
    final long id;
    final Allocation memory;
    final SlotWriter writer;
    final int readers;
    int readsLeft;
    boolean released;

    Entry(long id, Allocation memory, SlotWriter writer, int readers) {
      this.id = id;
      this.memory = memory;
      this.writer = writer;
      this.readers = readers;
      this.readsLeft = readers;
    }
  }

  /** Registers {@code memory} (whose reference the caller hands over) for {@code readers} reads; returns its id. */
  static long put(Allocation memory, SlotWriter writer, int readers) {
    long id = NEXT_ID.getAndIncrement();
    LIVE.put(id, new Entry(id, memory, writer, readers));
    return id;
  }

  /**
   * One reader's share of transit {@code id}: a new reference to its memory, which the caller owns.
   * The entry's own reference goes with the last expected read.
   */
  static Allocation take(long id) {
    Entry e = LIVE.get(id);
    if (e == null) {
      throw gone(id);
    }
    synchronized (e) {
      if (e.released) {
        throw gone(id);
      }
      if (!e.memory.retain()) {
        throw new AssertionError(e.memory + " freed while in transit");
      }
      if (--e.readsLeft == 0) {
        drop(e);
      }
      return e.memory;
    }
  }

  /** Releases transit {@code id} without a read (the write that made it failed). */
  static void discard(long id) {
    Entry e = LIVE.get(id);
    if (e != null) {
      synchronized (e) {
        if (!e.released) {
          drop(e);
        }
      }
    }
  }

  /** Releases every transit written through {@code writer} (all of them when null) that is not fully read; returns how many. */
  static int releaseUnread(SlotWriter writer) {
    List<Entry> victims = new ArrayList<>();
    for (Entry e : LIVE.values()) {
      if (writer == null || e.writer == writer) {
        victims.add(e);
      }
    }
    int n = 0;
    for (Entry e : victims) {
      synchronized (e) {
        if (!e.released) {
          drop(e);
          n++;
        }
      }
    }
    return n;
  }

  static int count() {
    return LIVE.size();
  }

  private static void drop(Entry e) {
    e.released = true;
    LIVE.remove(e.id);
    e.memory.release();
  }

  private static IllegalStateException gone(long id) {
    return new IllegalStateException("tensor descriptor #" + id + " is no longer in transit: every reader of its"
        + " channel has already taken it (a tensor is read once per reading call), or its graph was closed");
  }
}
