package io.cgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cgraph.runtime.CGraphException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;
import org.junit.jupiter.api.Test;

/** The runtime's table of transferable kinds: constructor arguments on the wire and journal JSON. */
class ValueKindTest {
  record Trade(String id, Instant at, UUID key, BigDecimal price, DayOfWeek day, List<Integer> sizes,
      double[] weights, Character side, ByteBuffer note) {}

  /** One with Chronicle's default (field by field) marshalling and no text of its own. */
  public static final class Plain implements BytesMarshallable {
    int size;

    @Override
    public boolean equals(Object o) {
      return o instanceof Plain p && p.size == size;
    }

    @Override
    public int hashCode() {
      return size;
    }
  }

  /** One whose readMarshallable reads less than its writeMarshallable wrote. */
  public static final class Short implements BytesMarshallable {
    @Override
    public void writeMarshallable(BytesOut<?> out) {
      out.writeLong(1);
    }

    @Override
    public void readMarshallable(BytesIn<?> in) {
      in.readInt();
    }
  }

  private static final Instant AT = Instant.ofEpochSecond(1_764_633_600L, 123_456_789);
  private static final UUID KEY = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
  private static final BigDecimal PRICE = new BigDecimal("-12345678901234567890.0100");

  /** One value of every kind, nested in a record and a list too. */
  private static List<Object> samples() {
    List<Object> sizes = new ArrayList<>(Arrays.asList(1, null, 3));
    @SuppressWarnings("unchecked")
    Trade trade = new Trade("t\u00e9\uD83D\uDE00", AT, KEY, PRICE, DayOfWeek.FRIDAY, (List<Integer>) (List<?>) sizes,
        new double[] {0.5, Double.NaN}, 'B', ByteBuffer.wrap(new byte[] {1, (byte) 0xAB}));
    return Arrays.asList(null, true, (byte) -3, (short) 300, 'x', 7, -8L, 1.5f, 2.25, "s", DayOfWeek.MONDAY,
        new int[] {1, 2}, trade, List.of("a", "b"), ByteBuffer.wrap(new byte[] {9}), Instant.MIN, KEY,
        new BigDecimal("0.00"), new Quote("EURUSD", 10_850), plain(7), Duration.ofSeconds(-1, 5));
  }

  private static Plain plain(int size) {
    Plain p = new Plain();
    p.size = size;
    return p;
  }

  @Test
  void theSamplesCoverEveryKind() {
    Set<ValueKind> seen = EnumSet.noneOf(ValueKind.class);
    for (Object v : samples()) {
      seen.add(ValueKind.of(v));
    }
    assertEquals(EnumSet.allOf(ValueKind.class), seen);
  }

  @Test
  void everyKindRoundTrips() throws IOException {
    for (Object v : samples()) {
      Object back = roundTrip(v);
      if (v instanceof Trade t) {
        Trade b = (Trade) back;
        assertEquals(List.of(t.id(), t.at(), t.key(), t.price(), t.day(), t.sizes(), t.side(), t.note()),
            List.of(b.id(), b.at(), b.key(), b.price(), b.day(), b.sizes(), b.side(), b.note()));
        assertArrayEquals(t.weights(), b.weights());
      } else if (v instanceof int[] a) {
        assertArrayEquals(a, (int[]) back);
      } else {
        assertEquals(v, back, String.valueOf(v));
      }
    }
    assertEquals(2, ((BigDecimal) roundTrip(new BigDecimal("0.00"))).scale(), "the scale survives");
    assertEquals(new BigDecimal("1E+400"), roundTrip(new BigDecimal("1E+400")));
    assertEquals(Instant.MAX, roundTrip(Instant.MAX));
    assertEquals(Duration.ofSeconds(Long.MIN_VALUE), roundTrip(Duration.ofSeconds(Long.MIN_VALUE)));
    assertEquals(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
        roundTrip(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)));
  }

  @Test
  void aValueThatIsNotTransferableIsNamedWithItsPath() {
    record Holder(java.util.Date when) {}
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ValueKind.writeValue(new DataOutputStream(new ByteArrayOutputStream()),
            List.of(new Holder(new java.util.Date(0))), "args[1]"));
    assertEquals("args[1][0].when: java.util.Date is not transferable to a worker; constructor arguments of remote"
        + " actors must be transferable values (primitives and their boxes, String, enums, primitive arrays, records"
        + " of transferable values, List, ByteBuffer, Instant, UUID, BigDecimal, Chronicle BytesMarshallable classes,"
        + " Duration)",
        e.getMessage());
  }

  @Test
  void corruptInputIsRefusedWithWhatIsWrong() throws IOException {
    assertEquals("corrupt constructor argument (tag 99)", assertThrows(CGraphException.class,
        () -> read(new byte[] {99})).getMessage());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(15); // an instant
      out.writeLong(0);
      out.writeInt(1_000_000_000);
    }
    assertEquals("corrupt constructor argument (an instant of 0 s + 1000000000 ns)",
        assertThrows(CGraphException.class, () -> read(bytes.toByteArray())).getMessage());
    assertEquals("corrupt constructor argument (a decimal with no digits)", assertThrows(CGraphException.class,
        () -> read(new byte[] {17, 0, 0, 0, 0, 0, 0, 0, 0})).getMessage());
    assertEquals("corrupt constructor argument (a length of -2)", assertThrows(CGraphException.class,
        () -> read(new byte[] {9, -1, -1, -1, -2})).getMessage());
  }

  @Test
  void everyKindHasItsJson() {
    StringBuilder b = new StringBuilder();
    for (Object v : samples()) {
      ValueKind.appendJson(b, v);
      b.append('\n');
    }
    assertEquals("""
        null
        true
        -3
        300
        "x"
        7
        -8
        1.5
        2.25
        "s"
        "MONDAY"
        [1,2]
        {"id":"t\u00e9\\ud83d\\ude00","at":"2025-12-02T00:00:00.123456789Z","key":"123e4567-e89b-12d3-a456-426614174000",\
        "price":"-12345678901234567890.0100","day":"FRIDAY","sizes":[1,null,3],"weights":[0.5,"NaN"],"side":"B",\
        "note":"01ab"}
        ["a","b"]
        "09"
        "-1000000000-01-01T00:00:00Z"
        "123e4567-e89b-12d3-a456-426614174000"
        "0.00"
        "EURUSD@10850"
        "07000000"
        "PT-0.999999995S"
        """, b.toString());
    b.setLength(0);
    ValueKind.appendJson(b, new Object() {
      @Override
      public String toString() {
        return "other \"one\"";
      }
    });
    assertEquals("\"other \\\"one\\\"\"", b.toString(), "anything else: its toString as a string");
    b.setLength(0);
    ValueKind.appendJson(b, 0.1f);
    assertEquals("0.1", b.toString(), "a float as Java prints it, not widened to a double");
  }

  @Test
  void aBytesMarshallableWhoseTwoMethodsDisagreeIsRefused() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        ValueKind.writeValue(out, new Short(), "v");
      }
      read(bytes.toByteArray());
    });
    assertEquals(Short.class.getName() + ".readMarshallable left 4 of the 8 bytes its writeMarshallable wrote unread",
        e.getMessage());
  }

  /** A List of its own that marshals itself: generated code declares it as this class, not as List. */
  public static final class Sizes extends java.util.AbstractList<Integer> implements BytesMarshallable {
    private final List<Integer> sizes = new ArrayList<>();

    @Override
    public Integer get(int index) {
      return sizes.get(index);
    }

    @Override
    public int size() {
      return sizes.size();
    }

    @Override
    public boolean add(Integer size) {
      return sizes.add(size);
    }

    @Override
    public void writeMarshallable(BytesOut<?> out) {
      out.writeInt(sizes.size());
      sizes.forEach(out::writeInt);
    }

    @Override
    public void readMarshallable(BytesIn<?> in) {
      sizes.clear();
      for (int n = in.readInt(); n > 0; n--) {
        sizes.add(in.readInt());
      }
    }
  }

  @Test
  void aListThatMarshalsItselfArrivesAsItsOwnClass() throws IOException {
    Sizes sizes = new Sizes();
    sizes.add(4);
    sizes.add(-2);
    assertEquals(ValueKind.MARSHALLABLE, ValueKind.of(sizes));
    Object back = roundTrip(sizes);
    assertEquals(Sizes.class, back.getClass());
    assertEquals(List.of(4, -2), back);
    assertEquals(ValueKind.LIST, ValueKind.of(new ArrayList<>(sizes)));
  }

  private static Object roundTrip(Object v) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      ValueKind.writeValue(out, v, "v");
    }
    Object back = read(bytes.toByteArray());
    if (v == null) {
      assertNull(back);
    }
    return back;
  }

  private static Object read(byte[] bytes) throws IOException {
    return ValueKind.readValue(new DataInputStream(new ByteArrayInputStream(bytes)),
        ValueKindTest.class.getClassLoader());
  }
}
