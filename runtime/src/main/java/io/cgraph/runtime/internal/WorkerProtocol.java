package io.cgraph.runtime.internal;

import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.RemoteActorException;
import io.cgraph.runtime.WaitStrategy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The control protocol between a driver and its worker processes, over the worker's stdin and
 * stdout (no sockets). Control only: the data path is the graph's mapped channel files.
 *
 * <p>Each message is one text line: {@link #MARK}, then the Base64 of a binary body that starts
 * with a message type and a request number. The driver treats every other line of the worker's
 * stdout (and a prefix before the mark, from a {@code print} without newline) as the worker's own
 * output and logs it. Requests carry a number that the worker's reply repeats.
 */
public final class WorkerProtocol {
  /** Starts every control line; other text on the worker's stdout is its output. */
  static final String MARK = "\u0001cgraph-control:";

  // driver -> worker
  static final int SPAWN = 1;   // actorId, class name, args
  static final int ATTACH = 2;  // graphId, graph class, dir, actor index, actorId, spec, stems, options
  static final int DETACH = 3;  // graphId, teardown millis
  static final int SHUTDOWN = 4;
  static final int STATS = 5;   // graphId -> OK: HostedGraph.writeCounters
  // worker -> driver
  static final int READY = 10;  // pid
  static final int OK = 11;
  static final int ERROR = 12;  // what, exception
  static final int ACTOR_DIED = 13; // graphId, description, exception

  private WorkerProtocol() {}

  /** Writes a message body. */
  @FunctionalInterface
  public interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  /** One control line (with its newline) for message {@code type}, request {@code request}. */
  public static byte[] line(int type, long request, Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(type);
      out.writeLong(request);
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (MARK + Base64.getEncoder().encodeToString(bytes.toByteArray()) + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** The body of a control line (the text after {@link #MARK}), positioned after type and request. */
  public static DataInputStream parse(String afterMark) {
    return new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(afterMark.trim())));
  }

  // ---------------------------------------------------------------- graph spec, wait strategy

  /**
   * What a spec starts with: 'CGS' and the layout's version, so that a driver and a worker or host of
   * builds whose layouts differ (version 2 added the ring of each channel) say so instead of misreading.
   */
  static final int SPEC_MAGIC = 0x43475302;

  public static void writeSpec(DataOutputStream out, GraphSpec spec) throws IOException {
    out.writeInt(SPEC_MAGIC);
    out.writeUTF(spec.graphName());
    out.writeInt(spec.maxInflight());
    out.writeInt(spec.bufferBytes());
    out.writeInt(spec.actorCount());
    for (int a = 0; a < spec.actorCount(); a++) {
      out.writeUTF(spec.actorName(a));
      out.writeUTF(spec.actorType(a));
    }
    out.writeInt(spec.channelCount());
    for (int c = 0; c < spec.channelCount(); c++) {
      GraphSpec.ChannelSpec cs = spec.channel(c);
      out.writeUTF(cs.name());
      out.writeInt(cs.writer());
      writeInts(out, cs.readers());
      out.writeInt(cs.ring());
    }
    writeInts(out, spec.outputs());
  }

  public static GraphSpec readSpec(DataInputStream in) throws IOException {
    int magic = in.readInt();
    if (magic != SPEC_MAGIC) {
      throw new IOException("the graph's shape comes in another layout (" + Integer.toHexString(magic)
          + ", this side reads " + Integer.toHexString(SPEC_MAGIC) + "): the driver and this worker or host run"
          + " different versions of cgraph-runtime; run the same version on both");
    }
    GraphSpec.Builder b = GraphSpec.builder(in.readUTF(), in.readInt(), in.readInt());
    int actors = in.readInt();
    for (int a = 0; a < actors; a++) {
      b.actor(in.readUTF(), in.readUTF());
    }
    int channels = in.readInt();
    for (int c = 0; c < channels; c++) {
      b.channel(new GraphSpec.ChannelSpec(in.readUTF(), in.readInt(), readInts(in), in.readInt()));
    }
    return b.outputs(readInts(in)).build();
  }

  /** Sends a wait strategy by name ({@link WaitStrategy#named} reads it back). */
  public static void writeWait(DataOutputStream out, WaitStrategy w) throws IOException {
    out.writeUTF(w.name());
  }

  public static WaitStrategy readWait(DataInputStream in) throws IOException {
    return WaitStrategy.named(in.readUTF());
  }

  public static void writeInts(DataOutputStream out, int[] values) throws IOException {
    out.writeInt(values.length);
    for (int v : values) {
      out.writeInt(v);
    }
  }

  public static int[] readInts(DataInputStream in) throws IOException {
    int[] v = new int[in.readInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readInt();
    }
    return v;
  }

  // ---------------------------------------------------------------- exceptions

  public static void writeThrowable(DataOutputStream out, Throwable t) throws IOException {
    out.writeUTF(t.getClass().getName());
    String message = t.getMessage();
    out.writeBoolean(message != null);
    if (message != null) {
      out.writeUTF(truncate(message));
    }
    StackTraceElement[] stack = t.getStackTrace();
    int n = Math.min(stack.length, 64);
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      StackTraceElement e = stack[i];
      out.writeUTF(e.getClassName());
      out.writeUTF(e.getMethodName());
      out.writeUTF(e.getFileName() == null ? "" : e.getFileName());
      out.writeInt(e.getLineNumber());
    }
  }

  /** The exception as it crossed: original class name, message and stack. */
  public static RemoteActorException readThrowable(DataInputStream in) throws IOException {
    String cls = in.readUTF();
    String message = in.readBoolean() ? in.readUTF() : null;
    StackTraceElement[] stack = new StackTraceElement[in.readInt()];
    for (int i = 0; i < stack.length; i++) {
      String c = in.readUTF();
      String m = in.readUTF();
      String f = in.readUTF();
      stack[i] = new StackTraceElement(c, m, f.isEmpty() ? null : f, in.readInt());
    }
    return new RemoteActorException(cls, message, stack);
  }

  private static String truncate(String s) {
    return s.length() > 8192 ? s.substring(0, 8192) + "..." : s;
  }

  // ---------------------------------------------------------------- constructor arguments

  private static final int NULL = 0;
  private static final int BOOLEAN = 1;
  private static final int BYTE = 2;
  private static final int SHORT = 3;
  private static final int CHAR = 4;
  private static final int INT = 5;
  private static final int LONG = 6;
  private static final int FLOAT = 7;
  private static final int DOUBLE = 8;
  private static final int STRING = 9;
  private static final int ENUM = 10;
  private static final int ARRAY = 11;
  private static final int RECORD = 12;
  private static final int LIST = 13;
  private static final int BYTE_BUFFER = 14;

  private static final Class<?>[] PRIMITIVE_ARRAYS = {null, boolean[].class, byte[].class, short[].class,
      char[].class, int[].class, long[].class, float[].class, double[].class};

  /**
   * Encodes a constructor argument: a transferable value (DESIGN.md section 2): {@code null},
   * primitives' boxes, {@code String}, enums, primitive arrays, records of transferable values,
   * {@code List}s of them, {@code ByteBuffer}. Anything else throws
   * {@code IllegalArgumentException} naming the path to it.
   */
  public static void writeValue(DataOutputStream out, Object v, String path) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof Boolean b) {
      out.writeByte(BOOLEAN);
      out.writeBoolean(b);
    } else if (v instanceof Byte b) {
      out.writeByte(BYTE);
      out.writeByte(b);
    } else if (v instanceof Short s) {
      out.writeByte(SHORT);
      out.writeShort(s);
    } else if (v instanceof Character c) {
      out.writeByte(CHAR);
      out.writeChar(c);
    } else if (v instanceof Integer i) {
      out.writeByte(INT);
      out.writeInt(i);
    } else if (v instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (v instanceof Float f) {
      out.writeByte(FLOAT);
      out.writeFloat(f);
    } else if (v instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (v instanceof String s) {
      out.writeByte(STRING);
      writeString(out, s);
    } else if (v instanceof Enum<?> e) {
      out.writeByte(ENUM);
      out.writeUTF(e.getDeclaringClass().getName());
      out.writeUTF(e.name());
    } else if (v.getClass().isArray() && v.getClass().getComponentType().isPrimitive()) {
      int kind = arrayKind(v.getClass());
      out.writeByte(ARRAY);
      out.writeByte(kind);
      int n = Array.getLength(v);
      out.writeInt(n);
      for (int i = 0; i < n; i++) {
        writeValue(out, Array.get(v, i), path);
      }
    } else if (v instanceof Record r) {
      RecordComponent[] cs = r.getClass().getRecordComponents();
      out.writeByte(RECORD);
      out.writeUTF(r.getClass().getName());
      out.writeInt(cs.length);
      for (RecordComponent c : cs) {
        Object value;
        try {
          var accessor = c.getAccessor();
          accessor.setAccessible(true);
          value = accessor.invoke(r);
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new IllegalArgumentException(path + "." + c.getName() + ": cannot be read (" + e + ")", e);
        }
        writeValue(out, value, path + "." + c.getName());
      }
    } else if (v instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      int i = 0;
      for (Object e : list) {
        writeValue(out, e, path + "[" + i++ + "]");
      }
    } else if (v instanceof ByteBuffer bb) {
      ByteBuffer b = bb.duplicate();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      out.writeByte(BYTE_BUFFER);
      out.writeInt(bytes.length);
      out.write(bytes);
    } else {
      throw new IllegalArgumentException(path + ": " + v.getClass().getName() + " is not transferable to a worker;"
          + " constructor arguments of remote actors must be transferable values (primitives and their boxes, String,"
          + " enums, primitive arrays, records of transferable values, List, ByteBuffer)");
    }
  }

  private static int arrayKind(Class<?> arrayClass) {
    for (int k = 1; k < PRIMITIVE_ARRAYS.length; k++) {
      if (PRIMITIVE_ARRAYS[k] == arrayClass) {
        return k;
      }
    }
    throw new IllegalArgumentException("not a primitive array: " + arrayClass);
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public static Object readValue(DataInputStream in, ClassLoader loader) throws IOException {
    int tag = in.readByte();
    switch (tag) {
      case NULL: return null;
      case BOOLEAN: return in.readBoolean();
      case BYTE: return in.readByte();
      case SHORT: return in.readShort();
      case CHAR: return in.readChar();
      case INT: return in.readInt();
      case LONG: return in.readLong();
      case FLOAT: return in.readFloat();
      case DOUBLE: return in.readDouble();
      case STRING: return readString(in);
      case ENUM: {
        Class<?> c = load(in.readUTF(), loader);
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
      case ARRAY: {
        int kind = in.readByte();
        int n = in.readInt();
        Object a = Array.newInstance(PRIMITIVE_ARRAYS[kind].getComponentType(), n);
        for (int i = 0; i < n; i++) {
          Array.set(a, i, readValue(in, loader));
        }
        return a;
      }
      case RECORD: {
        Class<?> c = load(in.readUTF(), loader);
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
      case LIST: {
        int n = in.readInt();
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(readValue(in, loader));
        }
        return list;
      }
      case BYTE_BUFFER: {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return ByteBuffer.wrap(bytes);
      }
      default:
        throw new CGraphException("corrupt constructor argument (tag " + tag + ")");
    }
  }

  public static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new CGraphException("class " + name + " is not on the worker's class path", e);
    }
  }

  // ---------------------------------------------------------------- constructors

  /** Writes what {@link #construct} reads: the actor class's name and its constructor arguments. */
  public static void writeConstruction(DataOutputStream out, Class<?> type, Object[] args) throws IOException {
    out.writeUTF(type.getName());
    out.writeInt(args.length);
    for (int i = 0; i < args.length; i++) {
      writeValue(out, args[i], "args[" + i + "]");
    }
  }

  /**
   * Creates the actor that {@link #writeConstruction} described, with its one matching public
   * constructor; an {@code InvocationTargetException} carries what the constructor threw.
   */
  public static Object construct(DataInputStream in, ClassLoader loader) throws IOException,
      ReflectiveOperationException {
    Class<?> type = load(in.readUTF(), loader);
    Object[] args = new Object[in.readInt()];
    for (int i = 0; i < args.length; i++) {
      args[i] = readValue(in, loader);
    }
    return constructorFor(type, args).newInstance(args);
  }

  /**
   * The one public constructor of {@code type} that accepts {@code args} (boxes match their
   * primitives; {@code null} matches any reference type), or an {@code IllegalArgumentException}
   * that lists the candidates.
   */
  public static Constructor<?> constructorFor(Class<?> type, Object[] args) {
    if (!isActorClass(type)) {
      // Checked where the actor is created too, before its class is initialised: a peer that can reach a
      // worker's pipe or a host agent cannot make it instantiate arbitrary classes.
      throw new IllegalArgumentException(type.getName() + " is not an @Actor class; only classes annotated"
          + " @io.cgraph.annotations.Actor are created in a worker process or on another host (annotate it; a class"
          + " compiled against a cgraph-annotations older than 0.1, whose @Actor was not kept at run time, needs"
          + " to be compiled again)");
    }
    if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
      throw new IllegalArgumentException(type.getName() + " must be a public concrete class to be created in a worker");
    }
    List<Constructor<?>> matches = new ArrayList<>();
    StringBuilder candidates = new StringBuilder();
    for (Constructor<?> k : type.getConstructors()) {
      candidates.append("\n  ").append(k);
      Class<?>[] ps = k.getParameterTypes();
      if (ps.length != args.length) {
        continue;
      }
      boolean ok = true;
      for (int i = 0; i < ps.length && ok; i++) {
        ok = accepts(ps[i], args[i]);
      }
      if (ok) {
        matches.add(k);
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    throw new IllegalArgumentException(type.getName() + ": " + (matches.isEmpty() ? "no" : matches.size())
        + " public constructors accept " + args.length + " argument(s) of types " + describe(args)
        + (matches.isEmpty() ? "" : " (ambiguous: pass arguments of the exact types, not null)") + "; its public"
        + " constructors are:" + (candidates.length() == 0 ? " none" : candidates));
  }

  /** Whether {@code type} carries {@code @io.cgraph.annotations.Actor} (matched by name: the runtime does not need the annotations jar). */
  static boolean isActorClass(Class<?> type) {
    for (java.lang.annotation.Annotation a : type.getDeclaredAnnotations()) {
      if (a.annotationType().getName().equals("io.cgraph.annotations.Actor")) {
        return true;
      }
    }
    return false;
  }

  private static boolean accepts(Class<?> param, Object arg) {
    if (arg == null) {
      return !param.isPrimitive();
    }
    if (param.isPrimitive()) {
      return Array.get(Array.newInstance(param, 1), 0).getClass() == arg.getClass();
    }
    return param.isInstance(arg);
  }

  private static String describe(Object[] args) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < args.length; i++) {
      b.append(i == 0 ? "" : ", ").append(args[i] == null ? "null" : args[i].getClass().getName());
    }
    return b.append(')').toString();
  }
}
