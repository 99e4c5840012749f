package io.cgraph.runtime.internal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesMarshallable;

/**
 * Chronicle {@code BytesMarshallable} values in channel slots and constructor arguments: the bytes
 * the value's {@code writeMarshallable} writes, as {@link SlotWriter#writeBytes} writes a byte array
 * (a count, then the bytes), read back into a fresh instance with {@code readMarshallable}. Generated
 * code calls these for a transferable class that implements {@code BytesMarshallable} (not a record
 * or an enum: those are encoded as such). A write goes through a per-thread on-heap buffer (one
 * copy more than a record's generated codec); a read allocates the bytes, then the instance.
 */
public final class Marshalled {
  /** A per-thread buffer larger than this after a write is dropped, not kept for the next one. */
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
    private Bytes<?> bytes = Bytes.allocateElasticOnHeap();
    private boolean busy;

    Bytes<?> take() {
      if (busy) {
        return Bytes.allocateElasticOnHeap();
      }
      busy = true;
      bytes.clear();
      return bytes;
    }

    void give(Bytes<?> used) {
      if (used != bytes) {
        return;
      }
      busy = false;
      if (used.realCapacity() > KEPT_CAPACITY) {
        bytes = Bytes.allocateElasticOnHeap();
      } else {
        used.clear();
      }
    }
  }

  /**
   * Reads into {@code into} (a fresh instance) what {@link #write} wrote and returns it. A value
   * whose {@code readMarshallable} reads fewer bytes than its {@code writeMarshallable} wrote, or
   * more, is refused: its two methods disagree, and what follows in the slot would be misread.
   */
  public static <T extends BytesMarshallable> T read(SlotReader r, T into) {
    byte[] bytes = r.readBytes();
    if (bytes == null) {
      throw new IllegalStateException("a corrupt " + into.getClass().getName() + ": its bytes are missing");
    }
    return readInto(bytes, into);
  }

  /** Reads {@code bytes} (what {@link #bytesOf} gave) into {@code into} and returns it. */
  public static <T extends BytesMarshallable> T readInto(byte[] bytes, T into) {
    Bytes<byte[]> in = Bytes.wrapForRead(bytes);
    try {
      into.readMarshallable(in);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalStateException(into.getClass().getName() + ".readMarshallable read past the " + bytes.length
          + " bytes its writeMarshallable wrote", e);
    }
    if (in.readRemaining() != 0) {
      throw new IllegalStateException(into.getClass().getName() + ".readMarshallable left " + in.readRemaining()
          + " of the " + bytes.length + " bytes its writeMarshallable wrote unread");
    }
    return into;
  }
}
