package io.cgraph.runtime.codec;

import java.nio.ByteBuffer;

/**
 * Decodes values from one channel slot, in the order {@link SlotWriter} wrote them. Arrays,
 * strings and buffers returned are fresh heap copies owned by the caller (never views of the
 * mapped slot, which is reused).
 */
public final class SlotReader {
  /** Whether the slot holds a {@link Failure} instead of a value. */
  public boolean isFailure() { throw new UnsupportedOperationException("TODO"); }
  /** The failure this slot holds; only when {@link #isFailure()}. */
  public Failure failure() { throw new UnsupportedOperationException("TODO"); }
  public boolean readBoolean() { throw new UnsupportedOperationException("TODO"); }
  public byte readByte() { throw new UnsupportedOperationException("TODO"); }
  public short readShort() { throw new UnsupportedOperationException("TODO"); }
  public char readChar() { throw new UnsupportedOperationException("TODO"); }
  public int readInt() { throw new UnsupportedOperationException("TODO"); }
  public long readLong() { throw new UnsupportedOperationException("TODO"); }
  public float readFloat() { throw new UnsupportedOperationException("TODO"); }
  public double readDouble() { throw new UnsupportedOperationException("TODO"); }
  public boolean readPresent() { throw new UnsupportedOperationException("TODO"); }
  public String readString() { throw new UnsupportedOperationException("TODO"); }
  public boolean[] readBooleans() { throw new UnsupportedOperationException("TODO"); }
  public byte[] readBytes() { throw new UnsupportedOperationException("TODO"); }
  public short[] readShorts() { throw new UnsupportedOperationException("TODO"); }
  public char[] readChars() { throw new UnsupportedOperationException("TODO"); }
  public int[] readInts() { throw new UnsupportedOperationException("TODO"); }
  public long[] readLongs() { throw new UnsupportedOperationException("TODO"); }
  public float[] readFloats() { throw new UnsupportedOperationException("TODO"); }
  public double[] readDoubles() { throw new UnsupportedOperationException("TODO"); }
  /** A fresh heap buffer, position 0, limit = length; or null. */
  public ByteBuffer readByteBuffer() { throw new UnsupportedOperationException("TODO"); }
}
