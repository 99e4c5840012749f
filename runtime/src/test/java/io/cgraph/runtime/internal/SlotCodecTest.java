package io.cgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.Failure;
import io.cgraph.runtime.WaitStrategy;
import io.cgraph.runtime.channel.Channel;
import io.cgraph.runtime.channel.Liveness;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every SlotWriter/SlotReader type round-trips through a real mapped channel slot. */
class SlotCodecTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private Channel channel;
  private ChannelWriter writer;
  private ChannelReader reader;
  private long seq;

  @BeforeEach
  void open() {
    channel = Channel.create(dir, "codec", 2, 64, 1, WaitStrategy.balanced(), Liveness.ALWAYS);
    writer = channel.writer();
    reader = channel.reader(0);
  }

  @AfterEach
  void close() throws IOException {
    channel.close();
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count(), "channel files left after close");
    }
  }

  /** Writes one message, publishes it, awaits it and hands the reader to {@code check}, then releases. */
  private void roundTrip(Consumer<SlotWriter> write, Consumer<SlotReader> check) {
    assertTimeoutPreemptively(LIMIT, () -> {
      long s = seq++;
      write.accept(writer.claim(s));
      writer.publish(s);
      SlotReader r = reader.await(s);
      assertFalse(r.isFailure());
      check.accept(r);
      reader.release(s);
    });
  }

  @Test
  void primitives() {
    roundTrip(w -> {
      w.writeBoolean(true);
      w.writeBoolean(false);
      w.writeByte((byte) -7);
      w.writeShort(Short.MIN_VALUE);
      w.writeChar('\uFFFF');
      w.writeInt(0xCAFEBABE);
      w.writeLong(Long.MIN_VALUE + 3);
      w.writeFloat(Float.NaN);
      w.writeFloat(-0.0f);
      w.writeDouble(Math.PI);
      w.writeDouble(Double.NEGATIVE_INFINITY);
      w.writePresent(true);
      w.writePresent(false);
    }, r -> {
      assertTrue(r.readBoolean());
      assertFalse(r.readBoolean());
      assertEquals((byte) -7, r.readByte());
      assertEquals(Short.MIN_VALUE, r.readShort());
      assertEquals('\uFFFF', r.readChar());
      assertEquals(0xCAFEBABE, r.readInt());
      assertEquals(Long.MIN_VALUE + 3, r.readLong());
      assertTrue(Float.isNaN(r.readFloat()));
      assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(r.readFloat()));
      assertEquals(Math.PI, r.readDouble());
      assertEquals(Double.NEGATIVE_INFINITY, r.readDouble());
      assertTrue(r.readPresent());
      assertFalse(r.readPresent());
      assertThrows(IllegalStateException.class, r::readByte, "read past the end of the message");
    });
  }

  @Test
  void strings() {
    String[] values = {
      null, "", "a", "plain ascii", "Latin-1: caf\u00e9 \u00ff", "Greek \u03b1\u03b2\u03b3", "CJK \u4e2d\u6587",
      "emoji \uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD", "lone surrogates \uD800 x \uDFFF", "\u0000nul inside\u0000",
      "x".repeat(100_000), "\u4e2d".repeat(50_000) + "\uD83D\uDE00"
    };
    roundTrip(w -> {
      for (String v : values) {
        w.writeString(v);
      }
    }, r -> {
      for (String v : values) {
        assertEquals(v, r.readString());
      }
    });
  }

  @Test
  void arraysIncludingNullEmptyAndLarge() {
    Random rnd = new Random(42);
    boolean[] bools = {true, false, true};
    byte[] bytes = new byte[300_000];
    rnd.nextBytes(bytes);
    short[] shorts = {Short.MIN_VALUE, 0, Short.MAX_VALUE};
    char[] chars = "h\u00e9llo \uD83D\uDE00".toCharArray();
    int[] ints = rnd.ints(100_000).toArray();
    long[] longs = rnd.longs(1000).toArray();
    float[] floats = {1.5f, Float.MIN_VALUE, Float.NaN};
    double[] doubles = rnd.doubles(5000).toArray();
    roundTrip(w -> {
      w.writeBooleans(bools);
      w.writeBooleans(null);
      w.writeBooleans(new boolean[0]);
      w.writeBytes(bytes);
      w.writeBytes(null);
      w.writeBytes(new byte[0]);
      w.writeShorts(shorts);
      w.writeShorts(null);
      w.writeChars(chars);
      w.writeChars(new char[0]);
      w.writeInts(ints);
      w.writeInts(null);
      w.writeInts(new int[0]);
      w.writeLongs(longs);
      w.writeLongs(null);
      w.writeFloats(floats);
      w.writeFloats(null);
      w.writeDoubles(doubles);
      w.writeDoubles(new double[0]);
      w.writeDoubles(null);
    }, r -> {
      assertArrayEquals(bools, r.readBooleans());
      assertNull(r.readBooleans());
      assertArrayEquals(new boolean[0], r.readBooleans());
      assertArrayEquals(bytes, r.readBytes());
      assertNull(r.readBytes());
      assertArrayEquals(new byte[0], r.readBytes());
      assertArrayEquals(shorts, r.readShorts());
      assertNull(r.readShorts());
      assertArrayEquals(chars, r.readChars());
      assertArrayEquals(new char[0], r.readChars());
      assertArrayEquals(ints, r.readInts());
      assertNull(r.readInts());
      assertArrayEquals(new int[0], r.readInts());
      assertArrayEquals(longs, r.readLongs());
      assertNull(r.readLongs());
      float[] f = r.readFloats();
      assertEquals(3, f.length);
      assertEquals(1.5f, f[0]);
      assertEquals(Float.MIN_VALUE, f[1]);
      assertTrue(Float.isNaN(f[2]));
      assertNull(r.readFloats());
      assertArrayEquals(doubles, r.readDoubles());
      assertArrayEquals(new double[0], r.readDoubles());
      assertNull(r.readDoubles());
    });
  }

  @Test
  void returnedArraysAreFreshCopies() {
    int[] sent = {1, 2, 3};
    roundTrip(w -> w.writeInts(sent), r -> {
      int[] got = r.readInts();
      got[0] = 99;
      assertEquals(1, sent[0]);
    });
    // The next message reuses the slot memory; an earlier result must not change.
    int[][] kept = new int[1][];
    roundTrip(w -> w.writeInts(new int[] {7, 8}), r -> kept[0] = r.readInts());
    roundTrip(w -> w.writeInts(new int[] {5, 6}), r -> assertArrayEquals(new int[] {5, 6}, r.readInts()));
    roundTrip(w -> w.writeInts(new int[] {0, 0}), r -> r.readInts());
    assertArrayEquals(new int[] {7, 8}, kept[0]);
  }

  @Test
  void byteBuffers() {
    byte[] data = new byte[1000];
    new Random(7).nextBytes(data);
    ByteBuffer heap = ByteBuffer.wrap(data, 10, 500);
    ByteBuffer direct = ByteBuffer.allocateDirect(200);
    direct.put(data, 0, 200).flip().position(50);
    ByteBuffer readOnly = ByteBuffer.wrap(data).asReadOnlyBuffer();
    readOnly.position(900);
    roundTrip(w -> {
      w.writeByteBuffer(heap);
      w.writeByteBuffer(direct);
      w.writeByteBuffer(readOnly);
      w.writeByteBuffer(null);
      w.writeByteBuffer(ByteBuffer.allocate(0));
    }, r -> {
      assertBuffer(Arrays.copyOfRange(data, 10, 510), r.readByteBuffer());
      assertBuffer(Arrays.copyOfRange(data, 50, 200), r.readByteBuffer());
      assertBuffer(Arrays.copyOfRange(data, 900, 1000), r.readByteBuffer());
      assertNull(r.readByteBuffer());
      assertBuffer(new byte[0], r.readByteBuffer());
    });
    assertEquals(10, heap.position(), "writeByteBuffer must not move the position");
    assertEquals(510, heap.limit());
    assertEquals(50, direct.position());
    assertEquals(900, readOnly.position());
  }

  @Test
  void instantsUuidsDurationsAndDecimals() {
    Instant at = Instant.ofEpochSecond(-5, 999_999_999);
    UUID key = UUID.randomUUID();
    BigDecimal huge = new BigDecimal(new java.math.BigInteger("9".repeat(500)), -30);
    roundTrip(w -> {
      w.writeInstant(at);
      w.writeInstant(Instant.MIN);
      w.writeInstant(Instant.MAX);
      w.writeInstant(null);
      w.writeUuid(key);
      w.writeUuid(null);
      w.writeDuration(java.time.Duration.ofSeconds(-3, 7));
      w.writeDuration(null);
      w.writeBigDecimal(new BigDecimal("1.50"));
      w.writeBigDecimal(new BigDecimal("-0.000"));
      w.writeBigDecimal(huge);
      w.writeBigDecimal(null);
      w.writeInt(42);
    }, r -> {
      assertEquals(at, r.readInstant());
      assertEquals(Instant.MIN, r.readInstant());
      assertEquals(Instant.MAX, r.readInstant());
      assertNull(r.readInstant());
      assertEquals(key, r.readUuid());
      assertNull(r.readUuid());
      assertEquals(java.time.Duration.ofSeconds(-3, 7), r.readDuration());
      assertNull(r.readDuration());
      BigDecimal d = r.readBigDecimal();
      assertEquals("1.50", d.toString(), "the scale survives");
      assertEquals("0.000", r.readBigDecimal().toString());
      assertEquals(huge, r.readBigDecimal());
      assertNull(r.readBigDecimal());
      assertEquals(42, r.readInt(), "nothing more and nothing less was read");
    });
  }

  @Test
  void aCorruptInstantOrDecimalIsRefused() {
    assertTimeoutPreemptively(LIMIT, () -> {
      SlotWriter w = writer.claim(0);
      w.writePresent(true);
      w.writeLong(0);
      w.writeInt(1_000_000_000);
      writer.publish(0);
      SlotReader r = reader.await(0);
      IllegalStateException e = assertThrows(IllegalStateException.class, r::readInstant);
      assertTrue(e.getMessage().contains("an instant at offset 1 is 0 s + 1000000000 ns"), e.getMessage());
      reader.release(0);

      w = writer.claim(1);
      w.writeBytes(new byte[0]);
      w.writeInt(2);
      writer.publish(1);
      r = reader.await(1);
      e = assertThrows(IllegalStateException.class, r::readBigDecimal);
      assertTrue(e.getMessage().contains("a decimal at offset 0 has no digits"), e.getMessage());
      reader.release(1);
      seq = 2;
    });
  }

  /** A BytesMarshallable that is not final, and a subclass of it. */
  public static class Level implements net.openhft.chronicle.bytes.BytesMarshallable {}

  public static final class SubLevel extends Level {}

  @Test
  void bytesMarshallablesRoundTripAndASubclassIsRefused() {
    String big = "q".repeat(5000); // larger than the 64-byte slot: the message spills
    roundTrip(w -> {
      Marshalled.write(w, new Quote(big, 7), Quote.class);
      Marshalled.write(w, new Quote("EURUSD", -1), Quote.class);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Marshalled.write(w, new SubLevel(), Level.class));
      assertEquals("a " + SubLevel.class.getName() + " cannot cross a channel declared as " + Level.class.getName()
          + ": the reader creates a Level; declare the subclass, or make Level final", e.getMessage());
      w.writeInt(42);
    }, r -> {
      assertEquals(new Quote(big, 7), Marshalled.read(r, new Quote()));
      assertEquals(new Quote("EURUSD", -1), Marshalled.read(r, new Quote()));
      assertEquals(42, r.readInt(), "the refused subclass wrote nothing");
    });
  }

  /**
   * A BytesMarshallable whose {@code writeMarshallable} marshals its inner quote through
   * {@link Marshalled} too, on the same thread, while the outer write holds the thread's buffer.
   */
  public static final class Pair implements net.openhft.chronicle.bytes.BytesMarshallable {
    Quote inner;
    long tag;

    public Pair() {}

    Pair(Quote inner, long tag) {
      this.inner = inner;
      this.tag = tag;
    }

    @Override
    public void writeMarshallable(net.openhft.chronicle.bytes.BytesOut<?> out) {
      out.writeLong(tag);
      byte[] bytes = Marshalled.bytesOf(inner);
      out.writeInt(bytes.length);
      out.write(bytes);
      out.writeLong(~tag);
    }

    @Override
    public void readMarshallable(net.openhft.chronicle.bytes.BytesIn<?> in) {
      tag = in.readLong();
      byte[] bytes = new byte[in.readInt()];
      in.read(bytes);
      inner = Marshalled.readInto(bytes, new Quote());
      assertEquals(~tag, in.readLong());
    }
  }

  @Test
  void aValueMarshallingAnotherThroughMarshalledKeepsItsOwnBytes() {
    String big = "p".repeat(3000); // the inner value grows a buffer of its own past the outer one
    roundTrip(w -> {
      Marshalled.write(w, new Pair(new Quote(big, 3), 11), Pair.class);
      Marshalled.write(w, new Quote("after", 4), Quote.class); // the thread's buffer is free again
    }, r -> {
      Pair got = Marshalled.read(r, new Pair());
      assertEquals(11, got.tag);
      assertEquals(new Quote(big, 3), got.inner);
      assertEquals(new Quote("after", 4), Marshalled.read(r, new Quote()));
    });
    byte[] nested = Marshalled.bytesOf(new Pair(new Quote("x", 1), 2));
    Pair again = Marshalled.readInto(nested, new Pair());
    assertEquals(new Quote("x", 1), again.inner);
  }

  @Test
  void aCorruptBytesMarshallableIsRefusedBeforeItsBytesAreCopied() {
    roundTrip(w -> {
      w.writeInt(-1);
      w.writeInt(Integer.MAX_VALUE); // no buffer of 2 GiB is made for it
      w.writeInt(4);
    }, r -> {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Marshalled.read(r, new Quote()));
      assertEquals("a corrupt " + Quote.class.getName() + ": its bytes are missing", e.getMessage());
      e = assertThrows(IllegalStateException.class, () -> Marshalled.read(r, new Quote()));
      assertEquals("a corrupt " + Quote.class.getName() + ": its " + Integer.MAX_VALUE + " bytes overrun the "
          + r.length() + "-byte message", e.getMessage());
      assertEquals(4, r.readInt());
    });
    assertTrue(Marshalled.keptCapacity() <= Marshalled.KEPT_CAPACITY, "kept " + Marshalled.keptCapacity());
  }

  @Test
  void aBufferGrownPastTheKeptCapacityIsNotKept() {
    Quote huge = new Quote("h".repeat(Marshalled.KEPT_CAPACITY * 2), 1);
    byte[] bytes = Marshalled.bytesOf(huge);
    assertEquals(huge, Marshalled.readInto(bytes, new Quote()));
    assertTrue(Marshalled.keptCapacity() <= Marshalled.KEPT_CAPACITY, "kept " + Marshalled.keptCapacity());
    Marshalled.bytesOf(new Quote("small", 2));
    long small = Marshalled.keptCapacity();
    assertArrayEquals(Marshalled.bytesOf(new Quote("small", 2)), Marshalled.bytesOf(new Quote("small", 2)));
    assertEquals(small, Marshalled.keptCapacity(), "a small value reuses the kept buffer");
  }

  private static void assertBuffer(byte[] expected, ByteBuffer actual) {
    assertEquals(0, actual.position());
    assertEquals(expected.length, actual.limit());
    assertTrue(actual.hasArray(), "a heap buffer");
    byte[] got = new byte[actual.remaining()];
    actual.get(got);
    assertArrayEquals(expected, got);
  }

  @Test
  void readsPastTheMessageOrAfterReleaseFail() {
    assertTimeoutPreemptively(LIMIT, () -> {
      writer.claim(0).writeInt(5);
      writer.publish(0);
      SlotReader r = reader.await(0);
      assertThrows(IllegalStateException.class, r::readLong, "8 bytes from a 4-byte message");
      assertEquals(5, r.readInt(), "a failed read consumes nothing");
      IllegalStateException e = assertThrows(IllegalStateException.class, r::readByte);
      assertTrue(e.getMessage().contains("overruns the 4-byte message"), e.getMessage());
      reader.release(0);
      e = assertThrows(IllegalStateException.class, r::readInt);
      assertTrue(e.getMessage().contains("before releasing"), e.getMessage());

      // A count that claims more elements than the message holds is refused, not read.
      writer.claim(1).writeInt(1_000_000);
      writer.publish(1);
      r = reader.await(1);
      assertThrows(IllegalStateException.class, r::readInts);
      reader.release(1);

      // A string header that claims more chars than the message holds is refused too.
      writer.claim(2).writeInt(1000 << 1);
      writer.publish(2);
      r = reader.await(2);
      assertThrows(IllegalStateException.class, r::readString);
      reader.release(2);
      seq = 3;
    });
  }

  @Test
  void failuresRoundTrip() {
    IllegalArgumentException thrown = new IllegalArgumentException("bad input \u00e9\uD83D\uDE00");
    Failure sent = Failure.of("parser", "parse", thrown);
    assertTimeoutPreemptively(LIMIT, () -> {
      writer.publishFailure(0, sent);
      SlotReader r = reader.await(0);
      assertTrue(r.isFailure());
      Failure got = r.failure();
      assertEquals("parser", got.actor());
      assertEquals("parse", got.method());
      assertEquals(IllegalArgumentException.class.getName(), got.className());
      assertEquals(thrown.getMessage(), got.message());
      assertArrayEquals(thrown.getStackTrace(), got.stackTrace());
      assertEquals(sent.toString(), r.failure().toString(), "failure() can be decoded again");
      reader.release(0);

      writer.claim(1).writeInt(1);
      writer.publish(1);
      r = reader.await(1);
      assertFalse(r.isFailure());
      assertThrows(IllegalStateException.class, r::failure);
      reader.release(1);

      Failure noMessage = new Failure("a", "m", "x.Y", null, new StackTraceElement[0]);
      writer.publishFailure(2, noMessage);
      r = reader.await(2);
      assertNull(r.failure().message());
      assertEquals(0, r.failure().stackTrace().length);
      reader.release(2);
      seq = 3;
    });
  }
}
