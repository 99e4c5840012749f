package io.cgraph.runtime.internal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesMarshallable;

/**
 * Chronicle {@code BytesMarshallable} values in channel slots and constructor arguments: the bytes
 * the value's {@code writeMarshallable} writes, as {@link SlotWriter#writeBytes} writes a byte array
 * (a count, then the bytes), read back into a fresh instance with {@code readMarshallable}. Generated
 * code calls these for a transferable class that implements {@code BytesMarshallable} (not a record
 * or an enum: those are encoded as such). A write and a read go through a per-thread on-heap buffer
 * (one copy more than a record's generated codec each way); a read allocates only the instance and
 * what its {@code readMarshallable} allocates.
 */
public final class Marshalled {
  /** A per-thread buffer larger than this after a write or read is dropped, not kept for the next one. */
  static final int KEPT_CAPACITY = 1 << 16;

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private Marshalled() {}

  /** The bytes {@code v.writeMarshallable} writes (v is not null). */
  public static byte[] bytesOf(BytesMarshallable v) {
    Scratch scratch = SCRATCH.get();
    Bytes<?> bytes = scratch.take();
    try {
      v.writeMarshallable(bytes);
      return bytes.toByteArray();
    } finally {
      scratch.give(bytes);
    }
  }

  /**
   * Writes {@code v} (not null) into a slot: straight from the per-thread buffer, no array in
   * between. {@code declared} is the class the reader creates: a value of a subclass is refused
   * (it would arrive as {@code declared}, or be misread).
   */
  public static void write(SlotWriter w, BytesMarshallable v, Class<?> declared) {
    if (v.getClass() != declared) {
      throw new IllegalArgumentException("a " + v.getClass().getName() + " cannot cross a channel declared as "
          + declared.getName() + ": the reader creates a " + declared.getSimpleName() + "; declare the subclass,"
          + " or make " + declared.getSimpleName() + " final");
    }
    Scratch scratch = SCRATCH.get();
    Bytes<?> bytes = scratch.take();
    try {
      v.writeMarshallable(bytes);
      if (!(bytes.underlyingObject() instanceof byte[] array) || bytes.readRemaining() > Integer.MAX_VALUE) {
        w.writeBytes(bytes.toByteArray());
        return;
      }
      int n = (int) bytes.readRemaining();
      w.writeInt(n);
      w.writeRaw(array, Math.toIntExact(bytes.readPosition()), n);
    } finally {
      scratch.give(bytes);
    }
  }

  /** The capacity of this thread's kept buffer, for tests. */
  static long keptCapacity() {
    return SCRATCH.get().bytes.realCapacity();
  }

  /**
   * One thread's buffer. A {@code writeMarshallable} that itself writes a value through this class
   * (on the same thread, so while the buffer is in use) gets a buffer of its own; one that grew the
   * buffer past {@link #KEPT_CAPACITY} leaves it to the garbage collector.
   */
  private static final class Scratch {
    private Bytes<?> bytes = buffer();
    private boolean busy;

    Bytes<?> take() {
      if (busy) {
        return buffer();
      }
      busy = true;
      bytes.clear();
      return bytes;
    }

    private static Bytes<?> buffer() {
      return Bytes.allocateElasticOnHeap();
    }

    void give(Bytes<?> used) {
      if (used != bytes) {
        return;
      }
      busy = false;
      if (used.realCapacity() > KEPT_CAPACITY) {
        bytes = buffer();
      } else {
        used.clear();
      }
    }
  }

  /**
   * Reads into {@code into} (a fresh instance) what {@link #write} wrote and returns it: the bytes
   * are copied from the slot into the per-thread buffer, no array in between. A value whose
   * {@code readMarshallable} reads fewer bytes than its {@code writeMarshallable} wrote, or more,
   * is refused: its two methods disagree, and what follows in the slot would be misread.
   */
  public static <T extends BytesMarshallable> T read(SlotReader r, T into) {
    int n = r.readInt();
    if (n < 0 || n > r.remaining()) {
      throw new IllegalStateException("a corrupt " + into.getClass().getName() + ": " + (n < 0 ? "its bytes are missing"
          : "its " + n + " bytes overrun the " + r.length() + "-byte message"));
    }
    Scratch scratch = SCRATCH.get();
    Bytes<?> bytes = scratch.take();
    try {
      bytes.ensureCapacity(n);
      if (!(bytes.underlyingObject() instanceof byte[] array) || array.length < n) {
        throw new IllegalStateException("the per-thread buffer cannot hold " + n + " bytes");
      }
      r.readElements(array, RawMemory.BYTE_BASE, 0, 0, n);
      bytes.readPositionRemaining(0, n);
      return readFrom(bytes, n, into);
    } finally {
      scratch.give(bytes);
    }
  }

  /** Reads {@code bytes} (what {@link #bytesOf} gave) into {@code into} and returns it. */
  public static <T extends BytesMarshallable> T readInto(byte[] bytes, T into) {
    return readFrom(Bytes.wrapForRead(bytes), bytes.length, into);
  }

  private static <T extends BytesMarshallable> T readFrom(Bytes<?> in, int length, T into) {
    try {
      into.readMarshallable(in);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalStateException(into.getClass().getName() + ".readMarshallable read past the " + length
          + " bytes its writeMarshallable wrote", e);
    }
    if (in.readRemaining() != 0) {
      throw new IllegalStateException(into.getClass().getName() + ".readMarshallable left " + in.readRemaining()
          + " of the " + length + " bytes its writeMarshallable wrote unread");
    }
    return into;
  }
}
