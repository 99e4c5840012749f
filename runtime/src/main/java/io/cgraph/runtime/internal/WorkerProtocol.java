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

  /**
   * Encodes a constructor argument: a transferable value (DESIGN.md section 2), in the format
   * {@link ValueKind} keeps for each kind. Anything else throws {@code IllegalArgumentException}
   * naming the path to it.
   */
  public static void writeValue(DataOutputStream out, Object v, String path) throws IOException {
    ValueKind.writeValue(out, v, path);
  }

  /** Decodes what {@link #writeValue} wrote. */
  public static Object readValue(DataInputStream in, ClassLoader loader) throws IOException {
    return ValueKind.readValue(in, loader);
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
