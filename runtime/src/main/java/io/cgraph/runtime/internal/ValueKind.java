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
  NULL(0, "null") {
    @Override
    boolean accepts(Object v) {
      return v == null;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) {}

    @Override
    Object read(DataInputStream in, ClassLoader loader) {
      return null;
    }

    @Override
    void json(StringBuilder b, Object v) {
      b.append("null");
    }
  },
  BOOLEAN(1, "primitives and their boxes") {
    @Override
    boolean accepts(Object v) {
      return v instanceof Boolean;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      out.writeBoolean((Boolean) v);
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      return in.readBoolean();
    }

    @Override
    void json(StringBuilder b, Object v) {
      b.append(v);
    }
  },
  BYTE(2, "primitives and their boxes") {
    @Override
    boolean accepts(Object v) {
      return v instanceof Byte;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      out.writeByte((Byte) v);
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      return in.readByte();
    }

    @Override
    void json(StringBuilder b, Object v) {
      b.append(v);
    }
  },
  SHORT(3, "primitives and their boxes") {
    @Override
    boolean accepts(Object v) {
      return v instanceof Short;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      out.writeShort((Short) v);
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      return in.readShort();
    }

    @Override
    void json(StringBuilder b, Object v) {
      b.append(v);
    }
  },
  CHAR(4, "primitives and their boxes") {
    @Override
    boolean accepts(Object v) {
      return v instanceof Character;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      out.writeChar((Character) v);
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      return in.readChar();
    }

    @Override
    void json(StringBuilder b, Object v) {
      quote(b, String.valueOf(v));
    }
  },
  INT(5, "primitives and their boxes") {
    @Override
    boolean accepts(Object v) {
      return v instanceof Integer;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      out.writeInt((Integer) v);
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      return in.readInt();
    }

    @Override
    void json(StringBuilder b, Object v) {
      b.append(v);
    }
  },
  LONG(6, "primitives and their boxes") {
    @Override
    boolean accepts(Object v) {
      return v instanceof Long;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      out.writeLong((Long) v);
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      return in.readLong();
    }

    @Override
    void json(StringBuilder b, Object v) {
      b.append(v);
    }
  },
  FLOAT(7, "primitives and their boxes") {
    @Override
    boolean accepts(Object v) {
      return v instanceof Float;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      out.writeFloat((Float) v);
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      return in.readFloat();
    }

    @Override
    void json(StringBuilder b, Object v) {
      number(b, (Float) v);
    }
  },
  DOUBLE(8, "primitives and their boxes") {
    @Override
    boolean accepts(Object v) {
      return v instanceof Double;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      out.writeDouble((Double) v);
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      return in.readDouble();
    }

    @Override
    void json(StringBuilder b, Object v) {
      number(b, (Double) v);
    }
  },
  STRING(9, "String") {
    @Override
    boolean accepts(Object v) {
      return v instanceof String;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      writeBytes(out, ((String) v).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    @Override
    void json(StringBuilder b, Object v) {
      quote(b, (String) v);
    }
  },
  ENUM(10, "enums") {
    @Override
    boolean accepts(Object v) {
      return v instanceof Enum<?>;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      Enum<?> e = (Enum<?>) v;
      out.writeUTF(e.getDeclaringClass().getName());
      out.writeUTF(e.name());
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
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

    @Override
    void json(StringBuilder b, Object v) {
      quote(b, ((Enum<?>) v).name());
    }
  },
  PRIMITIVE_ARRAY(11, "primitive arrays") {
    @Override
    boolean accepts(Object v) {
      return v != null && v.getClass().isArray() && v.getClass().getComponentType().isPrimitive();
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      out.writeByte(arrayKind(v.getClass()));
      int n = Array.getLength(v);
      out.writeInt(n);
      for (int i = 0; i < n; i++) {
        writeValue(out, Array.get(v, i), path);
      }
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
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

    @Override
    void json(StringBuilder b, Object v) {
      b.append('[');
      for (int i = 0, n = Array.getLength(v); i < n; i++) {
        if (i > 0) {
          b.append(',');
        }
        appendJson(b, Array.get(v, i));
      }
      b.append(']');
    }
  },
  RECORD(12, "records of transferable values") {
    @Override
    boolean accepts(Object v) {
      return v instanceof Record;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
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

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
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

    @Override
    void json(StringBuilder b, Object v) {
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
  },
  LIST(13, "List") {
    @Override
    boolean accepts(Object v) {
      return v instanceof List<?>;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      List<?> list = (List<?>) v;
      out.writeInt(list.size());
      int i = 0;
      for (Object e : list) {
        writeValue(out, e, path + "[" + i++ + "]");
      }
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      int n = in.readInt();
      List<Object> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(readValue(in, loader));
      }
      return list;
    }

    @Override
    void json(StringBuilder b, Object v) {
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
  },
  BYTE_BUFFER(14, "ByteBuffer") {
    @Override
    boolean accepts(Object v) {
      return v instanceof ByteBuffer;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      writeBytes(out, remaining((ByteBuffer) v));
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      return ByteBuffer.wrap(readBytes(in));
    }

    @Override
    void json(StringBuilder b, Object v) {
      quote(b, HexFormat.of().formatHex(remaining((ByteBuffer) v)));
    }
  },
  INSTANT(15, "Instant") {
    @Override
    boolean accepts(Object v) {
      return v instanceof Instant;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      Instant t = (Instant) v;
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      long second = in.readLong();
      int nano = in.readInt();
      if (nano < 0 || nano > 999_999_999 || second < Instant.MIN.getEpochSecond()
          || second > Instant.MAX.getEpochSecond()) {
        throw new CGraphException("corrupt constructor argument (an instant of " + second + " s + " + nano + " ns)");
      }
      return Instant.ofEpochSecond(second, nano);
    }
  },
  UUID(16, "UUID") {
    @Override
    boolean accepts(Object v) {
      return v instanceof java.util.UUID;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      java.util.UUID u = (java.util.UUID) v;
      out.writeLong(u.getMostSignificantBits());
      out.writeLong(u.getLeastSignificantBits());
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      long most = in.readLong();
      return new java.util.UUID(most, in.readLong());
    }
  },
  BIG_DECIMAL(17, "BigDecimal") {
    @Override
    boolean accepts(Object v) {
      return v instanceof BigDecimal;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
      BigDecimal d = (BigDecimal) v;
      writeBytes(out, d.unscaledValue().toByteArray());
      out.writeInt(d.scale());
    }

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      byte[] unscaled = readBytes(in);
      if (unscaled.length == 0) {
        throw new CGraphException("corrupt constructor argument (a decimal with no digits)");
      }
      return new BigDecimal(new BigInteger(unscaled), in.readInt());
    }

    /** A JSON string, not a number: a reader parsing numbers as doubles would lose digits. */
    @Override
    void json(StringBuilder b, Object v) {
      quote(b, ((BigDecimal) v).toString());
    }
  },
  /** A class (not a record or an enum: those come first) implementing Chronicle's {@code BytesMarshallable}. */
  MARSHALLABLE(18, "Chronicle BytesMarshallable classes") {
    @Override
    boolean accepts(Object v) {
      return v instanceof BytesMarshallable;
    }

    @Override
    void write(DataOutputStream out, Object v, String path) throws IOException {
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

    @Override
    Object read(DataInputStream in, ClassLoader loader) throws IOException {
      Class<?> c = WorkerProtocol.load(in.readUTF(), loader);
      if (!BytesMarshallable.class.isAssignableFrom(c)) {
        throw new CGraphException(c.getName() + " is not a BytesMarshallable in the worker");
      }
      byte[] bytes = readBytes(in);
      BytesMarshallable into;
      try {
        into = (BytesMarshallable) c.getConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new CGraphException("cannot create " + c.getName() + " in the worker to read it into (it needs a public"
            + " no-argument constructor): " + e, e);
      }
      return Marshalled.readInto(bytes, into);
    }

    /** Its {@code toString()} where its class defines one, else the hex of its bytes (deterministic either way). */
    @Override
    void json(StringBuilder b, Object v) {
      boolean ownText;
      try {
        ownText = v.getClass().getMethod("toString").getDeclaringClass() != Object.class;
      } catch (NoSuchMethodException e) {
        ownText = false;
      }
      quote(b, ownText ? v.toString() : HexFormat.of().formatHex(Marshalled.bytesOf((BytesMarshallable) v)));
    }
  };

  private static final ValueKind[] BY_TAG = byTag();

  private static final Class<?>[] PRIMITIVE_ARRAYS = {null, boolean[].class, byte[].class, short[].class,
      char[].class, int[].class, long[].class, float[].class, double[].class};

  /** What the kinds are, as an error message lists them. */
  private static final String KINDS = Arrays.stream(values()).skip(1).map(k -> k.shown).distinct()
      .collect(Collectors.joining(", "));

  private final int tag;
  private final String shown;

  ValueKind(int tag, String shown) {
    this.tag = tag;
    this.shown = shown;
  }

  /** Whether {@code v} is a value of this kind. */
  abstract boolean accepts(Object v);

  /** Writes {@code v} (accepted by this kind) after its tag; {@code path} names it in errors. */
  abstract void write(DataOutputStream out, Object v, String path) throws IOException;

  /** Reads what {@link #write} wrote (the tag already read). */
  abstract Object read(DataInputStream in, ClassLoader loader) throws IOException;

  /** Appends {@code v} (accepted by this kind) as JSON; by default its {@code toString()} as a string. */
  void json(StringBuilder b, Object v) {
    quote(b, v.toString());
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
    kind.write(out, v, path);
  }

  /** Reads what {@link #writeValue} wrote, loading enum and record classes through {@code loader}. */
  public static Object readValue(DataInputStream in, ClassLoader loader) throws IOException {
    int tag = in.readByte();
    ValueKind kind = tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    if (kind == null) {
      throw new CGraphException("corrupt constructor argument (tag " + tag + ")");
    }
    return kind.read(in, loader);
  }

  /**
   * Appends {@code v} as JSON: records as objects (components in declaration order), primitive
   * arrays and lists as arrays, enums, chars, instants, UUIDs and decimals as strings, byte buffers
   * as hex strings, non-finite floating-point numbers as strings, anything else by
   * {@code toString()} as a string. Deterministic.
   */
  public static void appendJson(StringBuilder b, Object v) {
    ValueKind kind = of(v);
    if (kind == null) {
      quote(b, v.toString());
    } else {
      kind.json(b, v);
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

  /** A float or double as JSON: a number when finite (as Java prints it), else a string ("NaN"). */
  private static void number(StringBuilder b, Number n) {
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      quote(b, n.toString());
    } else {
      b.append(n);
    }
  }

  private static ValueKind[] byTag() {
    ValueKind[] byTag = new ValueKind[values().length];
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
