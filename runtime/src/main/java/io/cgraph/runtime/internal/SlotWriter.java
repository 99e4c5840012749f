package io.cgraph.runtime.internal;

import static io.cgraph.runtime.internal.RawMemory.BOOLEAN_BASE;
import static io.cgraph.runtime.internal.RawMemory.BYTE_BASE;
import static io.cgraph.runtime.internal.RawMemory.CHAR_BASE;
import static io.cgraph.runtime.internal.RawMemory.DOUBLE_BASE;
import static io.cgraph.runtime.internal.RawMemory.FLOAT_BASE;
import static io.cgraph.runtime.internal.RawMemory.INT_BASE;
import static io.cgraph.runtime.internal.RawMemory.LONG_BASE;
import static io.cgraph.runtime.internal.RawMemory.SHORT_BASE;
import static net.openhft.chronicle.core.UnsafeMemory.MEMORY;

import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.MessageTooLargeException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Encodes values into one channel slot, straight into mapped memory. Generated code calls these
 * methods; every reference-typed write accepts {@code null} and round-trips it.
 *
 * <p>When a message outgrows the slot, the writer transparently continues in a heap spill buffer
 * and the channel grows its ring when the message is published; the caller never sees the
 * difference. All values are little-endian, in the order written; {@link SlotReader} reads them
 * back in the same order.
 *
 * <p>Encoding: primitives in their natural width ({@code boolean} and presence flags as one byte
 * 0/1); arrays as an {@code int} element count ({@code -1} for null) followed by the elements;
 * strings as an {@code int} header ({@code -1} for null, else {@code length << 1 | utf16}) followed
 * by one byte per char (Latin-1, when every char is below 256) or two bytes per char (UTF-16LE),
 * so any Java string, including unpaired surrogates, round-trips exactly; buffers as an
 * {@code int} byte count ({@code -1} for null) followed by the bytes.
 *
 * <p>One writer object serves every message of one channel writer (no allocation per message); it
 * is used by one thread at a time.
 */
public final class SlotWriter {
  /** The largest message one slot can hold (the spill buffer is a Java array). */
  public static final int MAX_MESSAGE_BYTES = Integer.MAX_VALUE - 64;
  private static final int MIN_SPILL_BYTES = 256;

  /** Where bytes go: {@code null} for the mapped slot at {@link #base}, else {@link #spill}. */
  private Object target;
  private long base;
  private int limit;
  private int position;
  private byte[] spill;
  private int maxMessageBytes = MAX_MESSAGE_BYTES;
  /** False while a failure record is written: it is not held to maxMessageBytes. */
  private boolean limited = true;
  private int fanOut = 1;
  private String owner = "this channel";

  /** Creates a writer that is not attached to a slot yet; the channel layer attaches it. */
  public SlotWriter() {}

  /**
   * How many readers read every message written through this writer (the channel's fan-out), for
   * codecs of values that are handed over rather than copied (device tensors). 1 by default.
   */
  public int fanOut() {
    return fanOut;
  }

  /** Channel layer only: sets {@link #fanOut()}. */
  public void fanOut(int readers) {
    if (readers < 1) {
      throw new IllegalArgumentException("a channel has at least one reader, not " + readers);
    }
    this.fanOut = readers;
  }

  /**
   * Channel layer only: starts a new message in the slot payload at native {@code address}, which
   * has room for {@code capacity} bytes. Discards whatever was written before.
   */
  public void attach(long address, int capacity) {
    attach(address, capacity, true);
  }

  /**
   * Channel layer only: as {@link #attach(long, int)}, for a failure record, which is never refused
   * for its size (a stack trace may be longer than a small {@code maxMessageBytes}, and losing it
   * would lose the failure).
   */
  public void attachForFailure(long address, int capacity) {
    attach(address, capacity, false);
  }

  private void attach(long address, int capacity, boolean limited) {
    if (address == 0 || capacity < 0) {
      throw new IllegalArgumentException("bad slot: address " + address + ", capacity " + capacity);
    }
    target = null;
    base = address;
    this.limited = limited;
    // Every message is held to maxMessageBytes, also one that fits a slot grown by an earlier, larger one.
    limit = limited ? Math.min(capacity, maxMessageBytes) : capacity;
    position = 0;
  }

  /**
   * Channel layer only: the largest message this writer accepts ({@code MessageTooLargeException}
   * beyond it), and who it writes for, for the exception's message.
   */
  public void limitMessages(int maxBytes, String ownerName) {
    if (maxBytes < 1 || maxBytes > MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException("maxMessageBytes must be in 1.." + MAX_MESSAGE_BYTES + ", got " + maxBytes);
    }
    this.maxMessageBytes = maxBytes;
    this.owner = ownerName;
  }

  /** Channel layer only: ends the message; writes fail until the next {@link #attach}. */
  public void detach() {
    target = null;
    base = 0;
    limit = 0;
    position = 0;
  }

  /** Channel layer only: the number of bytes of the message written since {@link #attach}. */
  public int length() {
    return position;
  }

  /** The offset the next value will be written at; a reader can {@link SlotReader#seek} there. */
  public int position() {
    return position;
  }

  /**
   * Overwrites the {@code int} at {@code offset}, which an earlier {@link #writeInt} wrote (an
   * offset table filled in once the values are written).
   */
  public void writeIntAt(int offset, int value) {
    if (offset < 0 || offset > position - Integer.BYTES) {
      throw new IllegalArgumentException("writeIntAt(" + offset + ") outside the " + position
          + " bytes written so far");
    }
    MEMORY.writeInt(target, base + offset, value);
  }

  /** Channel layer only: whether the message outgrew its slot and now lives in the heap spill buffer. */
  public boolean spilled() {
    return target != null;
  }

  /** Channel layer only: copies the message written since {@link #attach} to native {@code address}. */
  public void copyTo(long address) {
    if (target == null && address == base) {
      return;
    }
    RawMemory.copy(target, base, null, address, position);
  }

  /** The message written since {@link #attach}, copied to a fresh array (for the journal). */
  public byte[] copyOfMessage() {
    byte[] copy = new byte[position];
    RawMemory.copy(target, base, copy, BYTE_BASE, position);
    return copy;
  }

  public void writeBoolean(boolean v) {
    writeByte(v ? (byte) 1 : (byte) 0);
  }

  public void writeByte(byte v) {
    long at = reserve(1);
    MEMORY.writeByte(target, at, v);
  }

  public void writeShort(short v) {
    long at = reserve(2);
    MEMORY.writeShort(target, at, v);
  }

  public void writeChar(char v) {
    writeShort((short) v);
  }

  public void writeInt(int v) {
    long at = reserve(4);
    MEMORY.writeInt(target, at, v);
  }

  public void writeLong(long v) {
    long at = reserve(8);
    MEMORY.writeLong(target, at, v);
  }

  public void writeFloat(float v) {
    writeInt(Float.floatToRawIntBits(v));
  }

  public void writeDouble(double v) {
    writeLong(Double.doubleToRawLongBits(v));
  }

  /** A presence flag for nullable values (boxes, records, enums, lists): {@code true} = non-null follows. */
  public void writePresent(boolean present) {
    writeBoolean(present);
  }

  /** Any String including null, empty, and any Unicode (surrogate pairs included). */
  public void writeString(String v) {
    if (v == null) {
      writeInt(-1);
      return;
    }
    int n = v.length();
    boolean latin1 = true;
    for (int i = 0; i < n; i++) {
      if (v.charAt(i) > 0xFF) {
        latin1 = false;
        break;
      }
    }
    if (n > (MAX_MESSAGE_BYTES >>> 2)) {
      throw tooLarge((long) n * 2);
    }
    writeInt(n << 1 | (latin1 ? 0 : 1));
    if (latin1) {
      long at = reserve(n);
      for (int i = 0; i < n; i++) {
        MEMORY.writeByte(target, at + i, (byte) v.charAt(i));
      }
    } else {
      long at = reserve(n * 2);
      for (int i = 0; i < n; i++) {
        MEMORY.writeShort(target, at + 2L * i, (short) v.charAt(i));
      }
    }
  }

  /** An {@code Instant}, null allowed: a presence flag, then its epoch second and its nanosecond of that second. */
  public void writeInstant(Instant v) {
    writePresent(v != null);
    if (v != null) {
      writeLong(v.getEpochSecond());
      writeInt(v.getNano());
    }
  }

  /** A {@code Duration}, null allowed: a presence flag, then its seconds and its nanosecond adjustment. */
  public void writeDuration(Duration v) {
    writePresent(v != null);
    if (v != null) {
      writeLong(v.getSeconds());
      writeInt(v.getNano());
    }
  }

  /** A {@code UUID}, null allowed: a presence flag, then its most and its least significant 64 bits. */
  public void writeUuid(UUID v) {
    writePresent(v != null);
    if (v != null) {
      writeLong(v.getMostSignificantBits());
      writeLong(v.getLeastSignificantBits());
    }
  }

  /**
   * A {@code BigDecimal}, null allowed: its unscaled value's two's-complement bytes as
   * {@link #writeBytes} writes them (a count of -1 for null), then its scale. Exact: precision and
   * scale survive ({@code 1.50} stays {@code 1.50}).
   */
  public void writeBigDecimal(BigDecimal v) {
    if (v == null) {
      writeInt(-1);
      return;
    }
    writeBytes(v.unscaledValue().toByteArray());
    writeInt(v.scale());
  }

  public void writeBooleans(boolean[] v) {
    if (header(v == null ? -1 : v.length)) {
      copyIn(v, BOOLEAN_BASE, v.length, 1);
    }
  }

  public void writeBytes(byte[] v) {
    if (header(v == null ? -1 : v.length)) {
      copyIn(v, BYTE_BASE, v.length, 1);
    }
  }

  public void writeShorts(short[] v) {
    if (header(v == null ? -1 : v.length)) {
      copyIn(v, SHORT_BASE, v.length, 2);
    }
  }

  public void writeChars(char[] v) {
    if (header(v == null ? -1 : v.length)) {
      copyIn(v, CHAR_BASE, v.length, 2);
    }
  }

  public void writeInts(int[] v) {
    if (header(v == null ? -1 : v.length)) {
      copyIn(v, INT_BASE, v.length, 4);
    }
  }

  public void writeLongs(long[] v) {
    if (header(v == null ? -1 : v.length)) {
      copyIn(v, LONG_BASE, v.length, 8);
    }
  }

  public void writeFloats(float[] v) {
    if (header(v == null ? -1 : v.length)) {
      copyIn(v, FLOAT_BASE, v.length, 4);
    }
  }

  public void writeDoubles(double[] v) {
    if (header(v == null ? -1 : v.length)) {
      copyIn(v, DOUBLE_BASE, v.length, 8);
    }
  }

  /**
   * Transport layer: appends {@code length} bytes from native memory at {@code address} as they are,
   * with no header (a message that crossed a network, already encoded).
   */
  public void writeRaw(long address, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length " + length);
    }
    long at = reserve(length);
    RawMemory.copy(null, address, target, at, length);
  }

  /** Transport layer: appends {@code length} bytes of {@code bytes} from {@code offset} as they are. */
  public void writeRaw(byte[] bytes, int offset, int length) {
    java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
    long at = reserve(length);
    RawMemory.copy(bytes, BYTE_BASE + offset, target, at, length);
  }

  /** The remaining bytes of {@code v} (its position is not changed); null allowed. */
  public void writeByteBuffer(ByteBuffer v) {
    if (!header(v == null ? -1 : v.remaining())) {
      return;
    }
    int n = v.remaining();
    int from = v.position();
    long at = reserve(n);
    if (v.hasArray()) {
      RawMemory.copy(v.array(), BYTE_BASE + v.arrayOffset() + from, target, at, n);
    } else if (v.isDirect()) {
      RawMemory.copy(null, MEMORY.address(v) + from, target, at, n);
    } else {
      for (int i = 0; i < n; i++) {
        MEMORY.writeByte(target, at + i, v.get(from + i));
      }
    }
  }

  /**
   * Appends {@code count} elements of the primitive array {@code array} (whose elements start at
   * {@code arrayBase} and are {@code 1 << shift} bytes wide) from element {@code from}, with no
   * header: the chunks of a collective ({@link Collective}).
   */
  void writeElements(Object array, long arrayBase, int shift, int from, int count) {
    copyIn(array, arrayBase + ((long) from << shift), count, 1 << shift);
  }

  /** Writes the element count ({@code -1} for null); returns whether elements follow. */
  private boolean header(int count) {
    writeInt(count);
    return count > 0;
  }

  private void copyIn(Object array, long arrayBase, int count, int width) {
    long bytes = (long) count * width;
    if (bytes > MAX_MESSAGE_BYTES) {
      throw tooLarge(bytes);
    }
    long at = reserve((int) bytes);
    RawMemory.copy(array, arrayBase, target, at, bytes);
  }

  /** Makes room for {@code n} more bytes and returns the offset (in {@link #target}) to write them at. */
  private long reserve(int n) {
    if (n > limit - position) {
      spillFor(n);
    }
    long at = base + position;
    position += n;
    return at;
  }

  private void spillFor(int n) {
    if (limit == 0 && base == 0) {
      throw new IllegalStateException("this SlotWriter is not attached to a slot: claim the slot before writing");
    }
    long needed = (long) position + n;
    int max = limited ? maxMessageBytes : MAX_MESSAGE_BYTES;
    if (needed > max) {
      throw tooLarge(needed);
    }
    byte[] into = spill;
    if (into == null || into.length < needed || into == target) {
      long size = into == null ? Math.max(MIN_SPILL_BYTES, (long) limit * 2) : into.length;
      while (size < needed) {
        size *= 2;
      }
      into = new byte[(int) Math.min(size, max)];
    }
    RawMemory.copy(target, base, into, BYTE_BASE, position);
    spill = into;
    target = into;
    base = BYTE_BASE;
    limit = into.length;
  }

  private MessageTooLargeException tooLarge(long bytes) {
    return new MessageTooLargeException(owner + ": a message of at least " + bytes + " bytes exceeds maxMessageBytes ("
        + maxMessageBytes + "); send smaller values, or raise GraphOptions.withMaxMessageBytes (at most "
        + MAX_MESSAGE_BYTES + ")");
  }

}
