package io.cgraph.runtime.internal;

import io.cgraph.runtime.CGraphException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import net.openhft.chronicle.bytes.BytesMarshallable;

/**
 * Every kind of transferable value (DESIGN.md section 2) as the runtime handles it without
 * generated code: one constant per kind, with how a value of it is recognised, written to and read
 * from a stream (the constructor arguments of actors in worker processes and on other hosts,
 * {@link #writeValue}/{@link #readValue}) and shown as JSON (the journal's text,
 * {@link #appendJson}). The channels' encoding is generated per type by the processor (its
 * {@code TransferType}, one kind each, on {@link SlotWriter}/{@link SlotReader}); the two tables list
 * the same kinds, except {@code DeviceTensor}, which only crosses channels.
 *
 * <p>A new transferable kind is one constant here (its tag is the next free number; tags are the
 * wire format and never reused) and one in the processor's table.
 */
public enum ValueKind {
  NULL(0, "null", null, (out, v, path) -> {}, (in, loader) -> null, (b, v) -> b.append("null")),
  BOOLEAN(1, Shown.BOXES, Boolean.class, (out, v, path) -> out.writeBoolean((Boolean) v),
      (in, loader) -> in.readBoolean(), StringBuilder::append),
  BYTE(2, Shown.BOXES, Byte.class, (out, v, path) -> out.writeByte((Byte) v), (in, loader) -> in.readByte(),
      StringBuilder::append),
  SHORT(3, Shown.BOXES, Short.class, (out, v, path) -> out.writeShort((Short) v), (in, loader) -> in.readShort(),
      StringBuilder::append),
  CHAR(4, Shown.BOXES, Character.class, (out, v, path) -> out.writeChar((Character) v), (in, loader) -> in.readChar(),
      ValueKind::text),
  INT(5, Shown.BOXES, Integer.class, (out, v, path) -> out.writeInt((Integer) v), (in, loader) -> in.readInt(),
      StringBuilder::append),
  LONG(6, Shown.BOXES, Long.class, (out, v, path) -> out.writeLong((Long) v), (in, loader) -> in.readLong(),
      StringBuilder::append),
  FLOAT(7, Shown.BOXES, Float.class, (out, v, path) -> out.writeFloat((Float) v), (in, loader) -> in.readFloat(),
      ValueKind::number),
  DOUBLE(8, Shown.BOXES, Double.class, (out, v, path) -> out.writeDouble((Double) v), (in, loader) -> in.readDouble(),
      ValueKind::number),
  STRING(9, "String", String.class,
      (out, v, path) -> writeBytes(out, ((String) v).getBytes(StandardCharsets.UTF_8)),
      (in, loader) -> new String(readBytes(in), StandardCharsets.UTF_8), ValueKind::text),
  ENUM(10, "enums", Enum.class, ValueKind::writeEnum, ValueKind::readEnum, (b, v) -> quote(b, ((Enum<?>) v).name())),
  PRIMITIVE_ARRAY(11, "primitive arrays", null, ValueKind::writeArray, ValueKind::readArray, ValueKind::arrayJson),
  RECORD(12, "records of transferable values", Record.class, ValueKind::writeRecord, ValueKind::readRecord,
      ValueKind::recordJson),
  LIST(13, "List", List.class, ValueKind::writeList, ValueKind::readList, ValueKind::listJson),
  BYTE_BUFFER(14, "ByteBuffer", ByteBuffer.class, (out, v, path) -> writeBytes(out, remaining((ByteBuffer) v)),
      (in, loader) -> ByteBuffer.wrap(readBytes(in)),
      (b, v) -> quote(b, HexFormat.of().formatHex(remaining((ByteBuffer) v)))),
  INSTANT(15, "Instant", Instant.class, ValueKind::writeInstant, ValueKind::readInstant, ValueKind::text),
  UUID(16, "UUID", java.util.UUID.class, ValueKind::writeUuid,
      (in, loader) -> new java.util.UUID(in.readLong(), in.readLong()), ValueKind::text),
  /** A JSON string, not a number: a reader parsing numbers as doubles would lose digits. */
  BIG_DECIMAL(17, "BigDecimal", BigDecimal.class, ValueKind::writeDecimal, ValueKind::readDecimal, ValueKind::text),
  /** A class (not a record or an enum: those come first) implementing Chronicle's {@code BytesMarshallable}. */
  MARSHALLABLE(18, "Chronicle BytesMarshallable classes", BytesMarshallable.class, ValueKind::writeMarshallable,
      ValueKind::readMarshallable, ValueKind::marshallableJson),
  DURATION(19, "Duration", Duration.class, ValueKind::writeDuration, ValueKind::readDuration, ValueKind::text);

  /** How error messages list the kinds (a holder: the constants above cannot name a field of their own enum). */
  private interface Shown {
    String BOXES = "primitives and their boxes";
  }

  /** Writes a value of a kind (its tag already written); {@code path} names it in errors. */
  @FunctionalInterface
  private interface Writer {
    void write(DataOutputStream out, Object v, String path) throws IOException;
  }

  /** Reads a value of a kind (its tag already read), loading classes through {@code loader}. */
  @FunctionalInterface
  private interface Reader {
    Object read(DataInputStream in, ClassLoader loader) throws IOException;
  }

  /** Appends a value of a kind as JSON. */
  @FunctionalInterface
  private interface Json {
    void append(StringBuilder b, Object v);
  }

  private static final ValueKind[] BY_TAG = byTag();

  private static final Class<?>[] PRIMITIVE_ARRAYS = {null, boolean[].class, byte[].class, short[].class,
      char[].class, int[].class, long[].class, float[].class, double[].class};

  /** What the kinds are, as an error message lists them. */
  private static final String KINDS = Arrays.stream(values()).skip(1).map(k -> k.shown).distinct()
      .collect(Collectors.joining(", "));

  private final int tag;
  private final String shown;
  private final Class<?> type;
  private final Writer writer;
  private final Reader reader;
  private final Json json;

  /**
   * One kind: its wire {@code tag}, how error messages list it, the class its values are instances
   * of ({@code null}: see {@link #accepts}), and its codec and JSON form.
   */
  ValueKind(int tag, String shown, Class<?> type, Writer writer, Reader reader, Json json) {
    this.tag = tag;
    this.shown = shown;
    this.type = type;
    this.writer = writer;
    this.reader = reader;
    this.json = json;
  }

  /** Whether {@code v} is a value of this kind. */
  boolean accepts(Object v) {
    if (this == LIST && v instanceof BytesMarshallable) {
      return false; // a List class of its own that marshals itself arrives as that class, as generated code reads it
    }
    if (type != null) {
      return type.isInstance(v);
    }
    return this == NULL ? v == null
        : v != null && v.getClass().isArray() && v.getClass().getComponentType().isPrimitive();
  }

  /** The kind of {@code v}, or {@code null} when it is not transferable. */
  public static ValueKind of(Object v) {
    for (ValueKind k : values()) {
      if (k.accepts(v)) {
        return k;
      }
    }
    return null;
  }

  /**
   * Writes a transferable value with its tag; anything else throws {@code IllegalArgumentException}
   * naming {@code path} (such as {@code args[1].limits[0]}) and the kinds that are transferable.
   */
  public static void writeValue(DataOutputStream out, Object v, String path) throws IOException {
    ValueKind kind = of(v);
    if (kind == null) {
      throw new IllegalArgumentException(path + ": " + v.getClass().getName() + " is not transferable to a worker;"
          + " constructor arguments of remote actors must be transferable values (" + KINDS + ")");
    }
    out.writeByte(kind.tag);
    kind.writer.write(out, v, path);
  }

  /** Reads what {@link #writeValue} wrote, loading enum and record classes through {@code loader}. */
  public static Object readValue(DataInputStream in, ClassLoader loader) throws IOException {
    int tag = in.readByte();
    ValueKind kind = tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    if (kind == null) {
      throw new CGraphException("corrupt constructor argument (tag " + tag + ")");
    }
    return kind.reader.read(in, loader);
  }

  /**
   * Appends {@code v} as JSON: records as objects (components in declaration order), primitive
   * arrays and lists as arrays, enums, chars, instants, durations, UUIDs and decimals as strings, byte buffers
   * as hex strings, non-finite floating-point numbers as strings, anything else by
   * {@code toString()} as a string. Deterministic.
   */
  public static void appendJson(StringBuilder b, Object v) {
    ValueKind kind = of(v);
    if (kind == null) {
      quote(b, v.toString());
    } else {
      kind.json.append(b, v);
    }
  }

  /** Appends {@code s} as a JSON string: quotes, backslashes, control characters and lone surrogates escaped. */
  public static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /** A record's component, read through its accessor (made accessible: records may be nested and private). */
  public static Object component(Record r, RecordComponent c) throws ReflectiveOperationException {
    java.lang.reflect.Method accessor = c.getAccessor();
    accessor.setAccessible(true);
    try {
      return accessor.invoke(r);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }


  // ---------------------------------------------------------------- the kinds' codecs

  private static void writeEnum(DataOutputStream out, Object v, String path) throws IOException {
    Enum<?> e = (Enum<?>) v;
    out.writeUTF(e.getDeclaringClass().getName());
    out.writeUTF(e.name());
  }

  private static Object readEnum(DataInputStream in, ClassLoader loader) throws IOException {
    Class<?> c = WorkerProtocol.load(in.readUTF(), loader);
    String name = in.readUTF();
    if (!c.isEnum()) {
      throw new CGraphException(c.getName() + " is not an enum in the worker");
    }
    for (Object e : c.getEnumConstants()) {
      if (((Enum<?>) e).name().equals(name)) {
        return e;
      }
    }
    throw new CGraphException(c.getName() + " has no constant " + name + " in the worker");
  }

  private static void writeArray(DataOutputStream out, Object v, String path) throws IOException {
    out.writeByte(arrayKind(v.getClass()));
    int n = Array.getLength(v);
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      writeValue(out, Array.get(v, i), path);
    }
  }

  private static Object readArray(DataInputStream in, ClassLoader loader) throws IOException {
    int kind = in.readByte();
    if (kind < 1 || kind >= PRIMITIVE_ARRAYS.length) {
      throw new CGraphException("corrupt constructor argument (array kind " + kind + ")");
    }
    int n = in.readInt();
    Object a = Array.newInstance(PRIMITIVE_ARRAYS[kind].getComponentType(), n);
    for (int i = 0; i < n; i++) {
      Array.set(a, i, readValue(in, loader));
    }
    return a;
  }

  private static void arrayJson(StringBuilder b, Object v) {
    b.append('[');
    for (int i = 0, n = Array.getLength(v); i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      appendJson(b, Array.get(v, i));
    }
    b.append(']');
  }

  private static void writeRecord(DataOutputStream out, Object v, String path) throws IOException {
    RecordComponent[] cs = v.getClass().getRecordComponents();
    out.writeUTF(v.getClass().getName());
    out.writeInt(cs.length);
    for (RecordComponent c : cs) {
      Object value;
      try {
        value = component((Record) v, c);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalArgumentException(path + "." + c.getName() + ": cannot be read (" + e + ")", e);
      }
      writeValue(out, value, path + "." + c.getName());
    }
  }

  private static Object readRecord(DataInputStream in, ClassLoader loader) throws IOException {
    Class<?> c = WorkerProtocol.load(in.readUTF(), loader);
    if (!c.isRecord()) {
      throw new CGraphException(c.getName() + " is not a record in the worker");
    }
    RecordComponent[] cs = c.getRecordComponents();
    int n = in.readInt();
    if (n != cs.length) {
      throw new CGraphException(c.getName() + " has " + cs.length + " components in the worker, " + n + " in the driver");
    }
    Class<?>[] types = new Class<?>[n];
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      types[i] = cs[i].getType();
      values[i] = readValue(in, loader);
    }
    try {
      Constructor<?> k = c.getDeclaredConstructor(types);
      k.setAccessible(true);
      return k.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new CGraphException("cannot rebuild record " + c.getName() + " in the worker: " + e, e);
    }
  }

  private static void recordJson(StringBuilder b, Object v) {
    b.append('{');
    RecordComponent[] components = v.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      quote(b, components[i].getName());
      b.append(':');
      Object value;
      try {
        value = component((Record) v, components[i]);
      } catch (ReflectiveOperationException | RuntimeException e) {
        value = "<" + e + ">";
      }
      appendJson(b, value);
    }
    b.append('}');
  }

  private static void writeList(DataOutputStream out, Object v, String path) throws IOException {
    List<?> list = (List<?>) v;
    out.writeInt(list.size());
    int i = 0;
    for (Object e : list) {
      writeValue(out, e, path + "[" + i++ + "]");
    }
  }

  private static Object readList(DataInputStream in, ClassLoader loader) throws IOException {
    int n = in.readInt();
    List<Object> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(readValue(in, loader));
    }
    return list;
  }

  private static void listJson(StringBuilder b, Object v) {
    b.append('[');
    boolean first = true;
    for (Object e : (List<?>) v) {
      if (!first) {
        b.append(',');
      }
      first = false;
      appendJson(b, e);
    }
    b.append(']');
  }

  private static void writeInstant(DataOutputStream out, Object v, String path) throws IOException {
    Instant t = (Instant) v;
    out.writeLong(t.getEpochSecond());
    out.writeInt(t.getNano());
  }

  private static Object readInstant(DataInputStream in, ClassLoader loader) throws IOException {
    long second = in.readLong();
    int nano = in.readInt();
    if (nano < 0 || nano > 999_999_999 || second < Instant.MIN.getEpochSecond()
        || second > Instant.MAX.getEpochSecond()) {
      throw new CGraphException("corrupt constructor argument (an instant of " + second + " s + " + nano + " ns)");
    }
    return Instant.ofEpochSecond(second, nano);
  }

  private static void writeDuration(DataOutputStream out, Object v, String path) throws IOException {
    Duration d = (Duration) v;
    out.writeLong(d.getSeconds());
    out.writeInt(d.getNano());
  }

  private static Object readDuration(DataInputStream in, ClassLoader loader) throws IOException {
    long seconds = in.readLong();
    int nano = in.readInt();
    if (nano < 0 || nano > 999_999_999) {
      throw new CGraphException("corrupt constructor argument (a duration of " + seconds + " s + " + nano + " ns)");
    }
    return Duration.ofSeconds(seconds, nano);
  }

  private static void writeUuid(DataOutputStream out, Object v, String path) throws IOException {
    java.util.UUID u = (java.util.UUID) v;
    out.writeLong(u.getMostSignificantBits());
    out.writeLong(u.getLeastSignificantBits());
  }

  private static void writeDecimal(DataOutputStream out, Object v, String path) throws IOException {
    BigDecimal d = (BigDecimal) v;
    writeBytes(out, d.unscaledValue().toByteArray());
    out.writeInt(d.scale());
  }

  private static Object readDecimal(DataInputStream in, ClassLoader loader) throws IOException {
    byte[] unscaled = readBytes(in);
    if (unscaled.length == 0) {
      throw new CGraphException("corrupt constructor argument (a decimal with no digits)");
    }
    return new BigDecimal(new BigInteger(unscaled), in.readInt());
  }

  private static void writeMarshallable(DataOutputStream out, Object v, String path) throws IOException {
    Class<?> c = v.getClass();
    boolean creatable;
    try {
      c.getDeclaredConstructor();
      creatable = !c.isAnonymousClass() && !c.isLocalClass()
          && (c.getEnclosingClass() == null || java.lang.reflect.Modifier.isStatic(c.getModifiers()));
    } catch (NoSuchMethodException e) {
      creatable = false;
    }
    if (!creatable) {
      throw new IllegalArgumentException(path + ": " + c.getName() + " cannot be created in the worker to read it"
          + " into; a BytesMarshallable argument needs a top-level or static nested class with a no-argument"
          + " constructor");
    }
    byte[] bytes;
    try {
      bytes = Marshalled.bytesOf((BytesMarshallable) v);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(path + ": " + v.getClass().getName() + ".writeMarshallable failed (" + e
          + ")", e);
    }
    out.writeUTF(v.getClass().getName());
    writeBytes(out, bytes);
  }

  private static Object readMarshallable(DataInputStream in, ClassLoader loader) throws IOException {
    Class<?> c = WorkerProtocol.load(in.readUTF(), loader);
    if (!BytesMarshallable.class.isAssignableFrom(c)) {
      throw new CGraphException(c.getName() + " is not a BytesMarshallable in the worker");
    }
    byte[] bytes = readBytes(in);
    BytesMarshallable into;
    try {
      Constructor<?> k = c.getDeclaredConstructor();
      k.setAccessible(true);
      into = (BytesMarshallable) k.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new CGraphException("cannot create " + c.getName() + " in the worker to read it into (it needs a"
          + " no-argument constructor): " + e, e);
    }
    return Marshalled.readInto(bytes, into);
  }

  /** Its {@code toString()} where its class defines one, else the hex of its bytes (deterministic either way). */
  private static void marshallableJson(StringBuilder b, Object v) {
    boolean ownText;
    try {
      ownText = v.getClass().getMethod("toString").getDeclaringClass() != Object.class;
    } catch (NoSuchMethodException e) {
      ownText = false;
    }
    quote(b, ownText ? v.toString() : HexFormat.of().formatHex(Marshalled.bytesOf((BytesMarshallable) v)));
  }

  /** A value as a JSON string of its {@code toString()}. */
  private static void text(StringBuilder b, Object v) {
    quote(b, v.toString());
  }

  /** A float or double as JSON: a number when finite (as Java prints it), else a string ("NaN"). */
  private static void number(StringBuilder b, Object v) {
    Number n = (Number) v;
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      quote(b, n.toString());
    } else {
      b.append(n);
    }
  }

  private static ValueKind[] byTag() {
    ValueKind[] byTag = new ValueKind[Arrays.stream(values()).mapToInt(k -> k.tag).max().orElse(0) + 1];
    for (ValueKind k : values()) {
      if (byTag[k.tag] != null) {
        throw new AssertionError("two kinds with tag " + k.tag);
      }
      byTag[k.tag] = k;
    }
    return byTag;
  }

  private static int arrayKind(Class<?> arrayClass) {
    for (int k = 1; k < PRIMITIVE_ARRAYS.length; k++) {
      if (PRIMITIVE_ARRAYS[k] == arrayClass) {
        return k;
      }
    }
    throw new IllegalArgumentException("not a primitive array: " + arrayClass);
  }

  private static byte[] remaining(ByteBuffer buffer) {
    ByteBuffer d = buffer.duplicate();
    byte[] bytes = new byte[d.remaining()];
    d.get(bytes);
    return bytes;
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new CGraphException("corrupt constructor argument (a length of " + n + ")");
    }
    byte[] bytes = new byte[n];
    in.readFully(bytes);
    return bytes;
  }
}
