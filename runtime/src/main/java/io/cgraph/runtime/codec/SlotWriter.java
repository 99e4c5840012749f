package io.cgraph.runtime.codec;

import java.nio.ByteBuffer;

/**
 * Encodes values into one channel slot, straight into mapped memory. Generated code calls these
 * methods; every reference-typed write accepts {@code null} and round-trips it.
 *
 * <p>When a message outgrows the slot, the writer transparently continues in a heap spill buffer
 * and the channel grows its ring when the message is published; the caller never sees the
 * difference. All values are little-endian, in the order written; {@link SlotReader} reads them
 * back in the same order.
 */
public final class SlotWriter {
  // implemented by the channel work: see io.cgraph.runtime.channel.ChannelWriter
  public void writeBoolean(boolean v) { throw new UnsupportedOperationException("TODO"); }
  public void writeByte(byte v) { throw new UnsupportedOperationException("TODO"); }
  public void writeShort(short v) { throw new UnsupportedOperationException("TODO"); }
  public void writeChar(char v) { throw new UnsupportedOperationException("TODO"); }
  public void writeInt(int v) { throw new UnsupportedOperationException("TODO"); }
  public void writeLong(long v) { throw new UnsupportedOperationException("TODO"); }
  public void writeFloat(float v) { throw new UnsupportedOperationException("TODO"); }
  public void writeDouble(double v) { throw new UnsupportedOperationException("TODO"); }
  /** A presence flag for nullable values (boxes, records, enums, lists): {@code true} = non-null follows. */
  public void writePresent(boolean present) { throw new UnsupportedOperationException("TODO"); }
  /** Any String including null, empty, and any Unicode (surrogate pairs included). */
  public void writeString(String v) { throw new UnsupportedOperationException("TODO"); }
  public void writeBooleans(boolean[] v) { throw new UnsupportedOperationException("TODO"); }
  public void writeBytes(byte[] v) { throw new UnsupportedOperationException("TODO"); }
  public void writeShorts(short[] v) { throw new UnsupportedOperationException("TODO"); }
  public void writeChars(char[] v) { throw new UnsupportedOperationException("TODO"); }
  public void writeInts(int[] v) { throw new UnsupportedOperationException("TODO"); }
  public void writeLongs(long[] v) { throw new UnsupportedOperationException("TODO"); }
  public void writeFloats(float[] v) { throw new UnsupportedOperationException("TODO"); }
  public void writeDoubles(double[] v) { throw new UnsupportedOperationException("TODO"); }
  /** The remaining bytes of {@code v} (its position is not changed); null allowed. */
  public void writeByteBuffer(ByteBuffer v) { throw new UnsupportedOperationException("TODO"); }
}
