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

import io.cgraph.runtime.Failure;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Decodes values from one channel slot, in the order {@link SlotWriter} wrote them. Arrays,
 * strings and buffers returned are fresh heap copies owned by the caller (never views of the
 * mapped slot, which is reused).
 *
 * <p>Reading past the end of the message, reading from a slot that was already released, or
 * meeting an impossible length throws {@link IllegalStateException}: it means the writer and the
 * reader disagree on the message layout, and nothing past the message is ever read.
 *
 * <p>One reader object serves every message of one channel reader; it is valid from
 * {@code await}/{@code poll} until {@code release} and is used by one thread at a time.
 */
public final class SlotReader {
  /** Scratch buffers for decoding strings are kept only up to this size. */
  private static final int MAX_SCRATCH = 64 * 1024;

  private long base;
  private int limit;
  private int position;
  private boolean failure;
  private boolean attached;
  private byte[] scratchBytes;
  private char[] scratchChars;
  /** Keeps a direct buffer attached with {@link #attach(ByteBuffer, int, boolean)} reachable. */
  @SuppressWarnings("unused")
  private Object owner;

  /** Creates a reader that is not attached to a slot yet; the channel layer attaches it. */
  public SlotReader() {}

  /**
   * Channel layer only: points this reader at a published message of {@code length} bytes at
   * native {@code address}, holding a failure if {@code failure}.
   */
  public void attach(long address, int length, boolean failure) {
    if (address == 0 || length < 0) {
      throw new IllegalArgumentException("bad slot: address " + address + ", length " + length);
    }
    this.base = address;
    this.limit = length;
    this.position = 0;
    this.failure = failure;
    this.attached = true;
  }

  /**
   * Points this reader at the first {@code length} bytes of the direct buffer {@code buffer}, which
   * it keeps reachable (for messages read back from the journal rather than from a channel).
   */
  public void attach(ByteBuffer buffer, int length, boolean failure) {
    if (!buffer.isDirect() || length > buffer.capacity()) {
      throw new IllegalArgumentException("needs a direct buffer of at least " + length + " bytes, got " + buffer);
    }
    attach(MEMORY.address(buffer), length, failure);
    this.owner = buffer;
  }

  /** What was thrown in this JVM for the failure this slot holds, or null; see {@link Failure#original()}. */
  private Throwable original;

  /** Channel layer only: the thrown object kept beside the attached failure slot (or null). */
  public void attachOriginal(Throwable thrown) {
    this.original = thrown;
  }

  /** The thrown object kept beside the attached failure slot, or null. */
  public Throwable original() {
    return original;
  }

  /** Channel layer only: the slot was released; reads fail until the next {@link #attach}. */
  public void detach() {
    original = null;
    base = 0;
    limit = 0;
    position = 0;
    failure = false;
    attached = false;
  }

  /** Transport layer: the native address of the attached message, valid until its slot is released. */
  public long address() {
    checkAttached();
    return base;
  }

  /** The length in bytes of the attached message. */
  public int length() {
    checkAttached();
    return limit;
  }

  /** The whole message (value or failure) this reader is attached to, copied to a fresh array (for the journal). */
  public byte[] copyOfMessage() {
    checkAttached();
    byte[] copy = new byte[limit];
    RawMemory.copy(null, base, copy, BYTE_BASE, limit);
    return copy;
  }

  /** Whether the slot holds a {@link Failure} instead of a value. */
  public boolean isFailure() {
    checkAttached();
    return failure;
  }

  /** The failure this slot holds; only when {@link #isFailure()}. Decoded afresh on every call. */
  public Failure failure() {
    checkAttached();
    if (!failure) {
      throw new IllegalStateException("this slot holds a value, not a failure: check isFailure() first");
    }
    position = 0;
    return Failure.readFrom(this);
  }

  public boolean readBoolean() {
    return readByte() != 0;
  }

  public byte readByte() {
    return MEMORY.readByte(take(1));
  }

  public short readShort() {
    return MEMORY.readShort(take(2));
  }

  public char readChar() {
    return (char) readShort();
  }

  public int readInt() {
    return MEMORY.readInt(take(4));
  }

  public long readLong() {
    return MEMORY.readLong(take(8));
  }

  public float readFloat() {
    return Float.intBitsToFloat(readInt());
  }

  public double readDouble() {
    return Double.longBitsToDouble(readLong());
  }

  /**
   * Moves to byte {@code offset} of the message (a position recorded by the writer with
   * {@link SlotWriter#position()}), for a reader that needs only some of the values.
   */
  public void seek(int offset) {
    checkAttached();
    if (offset < 0 || offset > limit) {
      throw corrupt("seek to offset " + offset + " outside the " + limit + "-byte message");
    }
    position = offset;
  }

  /** Reads the {@code int} at byte {@code offset} of the message, without moving (an offset table entry). */
  public int readIntAt(int offset) {
    checkAttached();
    if (offset < 0 || offset > limit - Integer.BYTES) {
      throw corrupt("an int at offset " + offset + " outside the " + limit + "-byte message");
    }
    return MEMORY.readInt(base + offset);
  }

  /** Reads a presence flag written by {@link SlotWriter#writePresent}. */
  public boolean readPresent() {
    int at = position;
    byte b = readByte();
    if (b != 0 && b != 1) {
      throw corrupt("a presence flag (0 or 1) at offset " + at + " is " + b);
    }
    return b == 1;
  }

  public String readString() {
    int at = position;
    int header = readInt();
    if (header == -1) {
      return null;
    }
    if (header < 0) {
      throw corrupt("a string header at offset " + at + " is " + header);
    }
    int n = header >>> 1;
    if ((header & 1) == 0) {
      long from = take(n);
      byte[] bytes = n <= MAX_SCRATCH ? scratchBytes(n) : new byte[n];
      RawMemory.copy(null, from, bytes, BYTE_BASE, n);
      return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
    }
    long from = take(2L * n);
    char[] chars = n <= MAX_SCRATCH ? scratchChars(n) : new char[n];
    RawMemory.copy(null, from, chars, CHAR_BASE, 2L * n);
    return new String(chars, 0, n);
  }

  /** Reads what {@link SlotWriter#writeInstant} wrote; a second or nanosecond out of range is corrupt. */
  public Instant readInstant() {
    if (!readPresent()) {
      return null;
    }
    int at = position;
    long second = readLong();
    int nano = readInt();
    if (nano < 0 || nano > 999_999_999 || second < Instant.MIN.getEpochSecond()
        || second > Instant.MAX.getEpochSecond()) {
      throw corrupt("an instant at offset " + at + " is " + second + " s + " + nano + " ns");
    }
    return Instant.ofEpochSecond(second, nano);
  }

  /** Reads what {@link SlotWriter#writeDuration} wrote; a nanosecond adjustment out of range is corrupt. */
  public Duration readDuration() {
    if (!readPresent()) {
      return null;
    }
    int at = position;
    long seconds = readLong();
    int nano = readInt();
    if (nano < 0 || nano > 999_999_999) {
      throw corrupt("a duration at offset " + at + " is " + seconds + " s + " + nano + " ns");
    }
    return Duration.ofSeconds(seconds, nano);
  }

  /** Reads what {@link SlotWriter#writeUuid} wrote. */
  public UUID readUuid() {
    if (!readPresent()) {
      return null;
    }
    long most = readLong();
    return new UUID(most, readLong());
  }

  /** Reads what {@link SlotWriter#writeBigDecimal} wrote; an unscaled value of no bytes is corrupt. */
  public BigDecimal readBigDecimal() {
    int at = position;
    byte[] unscaled = readBytes();
    if (unscaled == null) {
      return null;
    }
    if (unscaled.length == 0) {
      throw corrupt("a decimal at offset " + at + " has no digits");
    }
    return new BigDecimal(new BigInteger(unscaled), readInt());
  }

  public boolean[] readBooleans() {
    int n = count();
    if (n < 0) {
      return null;
    }
    boolean[] v = new boolean[n];
    RawMemory.copy(null, take(n), v, BOOLEAN_BASE, n);
    return v;
  }

  public byte[] readBytes() {
    int n = count();
    if (n < 0) {
      return null;
    }
    byte[] v = new byte[n];
    RawMemory.copy(null, take(n), v, BYTE_BASE, n);
    return v;
  }

  public short[] readShorts() {
    int n = count();
    if (n < 0) {
      return null;
    }
    long from = take(2L * n);
    short[] v = new short[n];
    RawMemory.copy(null, from, v, SHORT_BASE, 2L * n);
    return v;
  }

  public char[] readChars() {
    int n = count();
    if (n < 0) {
      return null;
    }
    long from = take(2L * n);
    char[] v = new char[n];
    RawMemory.copy(null, from, v, CHAR_BASE, 2L * n);
    return v;
  }

  public int[] readInts() {
    int n = count();
    if (n < 0) {
      return null;
    }
    long from = take(4L * n);
    int[] v = new int[n];
    RawMemory.copy(null, from, v, INT_BASE, 4L * n);
    return v;
  }

  public long[] readLongs() {
    int n = count();
    if (n < 0) {
      return null;
    }
    long from = take(8L * n);
    long[] v = new long[n];
    RawMemory.copy(null, from, v, LONG_BASE, 8L * n);
    return v;
  }

  public float[] readFloats() {
    int n = count();
    if (n < 0) {
      return null;
    }
    long from = take(4L * n);
    float[] v = new float[n];
    RawMemory.copy(null, from, v, FLOAT_BASE, 4L * n);
    return v;
  }

  public double[] readDoubles() {
    int n = count();
    if (n < 0) {
      return null;
    }
    long from = take(8L * n);
    double[] v = new double[n];
    RawMemory.copy(null, from, v, DOUBLE_BASE, 8L * n);
    return v;
  }

  /** A fresh heap buffer, position 0, limit = length; or null. */
  public ByteBuffer readByteBuffer() {
    byte[] bytes = readBytes();
    return bytes == null ? null : ByteBuffer.wrap(bytes);
  }

  /** Reads an element count: {@code -1} for null, else the count (checked against the bytes left). */
  private int count() {
    int at = position;
    int n = readInt();
    if (n < -1) {
      throw corrupt("an element count at offset " + at + " is " + n);
    }
    return n;
  }

  /**
   * Reads {@code count} elements into the primitive array {@code array} (elements from
   * {@code arrayBase}, {@code 1 << shift} bytes wide) at element {@code to}: the counterpart of
   * {@code SlotWriter.writeElements}.
   */
  void readElements(Object array, long arrayBase, int shift, int to, int count) {
    long bytes = (long) count << shift;
    long from = take(bytes);
    RawMemory.copy(null, from, array, arrayBase + ((long) to << shift), bytes);
  }

  /** The bytes of the message not read yet. */
  int remaining() {
    return limit - position;
  }

  /** Consumes {@code n} bytes and returns their native address; never past the message. */
  private long take(long n) {
    if (n > limit - position) {
      checkAttached();
      throw corrupt("reading " + n + " bytes at offset " + position + " overruns the " + limit + "-byte message");
    }
    long at = base + position;
    position += (int) n;
    return at;
  }

  private void checkAttached() {
    if (!attached) {
      throw new IllegalStateException("this SlotReader is not on a published slot: await the slot first and read it"
          + " before releasing it");
    }
  }

  private static IllegalStateException corrupt(String what) {
    return new IllegalStateException("malformed slot: " + what
        + " (the writer and the reader disagree on the message layout)");
  }

  private byte[] scratchBytes(int n) {
    if (scratchBytes == null || scratchBytes.length < n) {
      scratchBytes = new byte[Math.max(n, 64)];
    }
    return scratchBytes;
  }

  private char[] scratchChars(int n) {
    if (scratchChars == null || scratchChars.length < n) {
      scratchChars = new char[Math.max(n, 32)];
    }
    return scratchChars;
  }
}
