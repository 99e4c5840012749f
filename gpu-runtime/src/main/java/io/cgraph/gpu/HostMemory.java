package io.cgraph.gpu;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteOrder;

/**
 * Off-heap memory for the host backend: allocate, free, bulk copies to and from arrays, element
 * access. {@code sun.misc.Unsafe} is bound once as method handles (which the JIT inlines), the way
 * the runtime's codec does, so that no compile-time dependency on the internal class remains.
 */
final class HostMemory {
  /** Copies larger than this are split so that a safepoint can happen between chunks. */
  private static final long CHUNK = 1L << 20;

  private static final MethodHandle ALLOCATE;
  private static final MethodHandle FREE;
  private static final MethodHandle SET;
  private static final MethodHandle COPY;
  private static final MethodHandle GET_FLOAT;
  private static final MethodHandle PUT_FLOAT;
  private static final MethodHandle GET_DOUBLE;
  private static final MethodHandle PUT_DOUBLE;
  private static final MethodHandle GET_INT;
  private static final MethodHandle PUT_INT;
  private static final MethodHandle GET_LONG;
  private static final MethodHandle PUT_LONG;
  private static final long FLOAT_BASE;
  private static final long DOUBLE_BASE;
  private static final long INT_BASE;
  private static final long LONG_BASE;
  private static final long BYTE_BASE;

  static {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new ExceptionInInitializerError("cgraph device tensors are little-endian; this platform is " + ByteOrder.nativeOrder());
    }
    try {
      Class<?> u = Class.forName("sun.misc.Unsafe");
      Field f = u.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      Object unsafe = f.get(null);
      MethodHandles.Lookup l = MethodHandles.lookup();
      ALLOCATE = l.findVirtual(u, "allocateMemory", MethodType.methodType(long.class, long.class)).bindTo(unsafe);
      FREE = l.findVirtual(u, "freeMemory", MethodType.methodType(void.class, long.class)).bindTo(unsafe);
      SET = l.findVirtual(u, "setMemory", MethodType.methodType(void.class, long.class, long.class, byte.class)).bindTo(unsafe);
      COPY = l.findVirtual(u, "copyMemory",
          MethodType.methodType(void.class, Object.class, long.class, Object.class, long.class, long.class)).bindTo(unsafe);
      GET_FLOAT = l.findVirtual(u, "getFloat", MethodType.methodType(float.class, long.class)).bindTo(unsafe);
      PUT_FLOAT = l.findVirtual(u, "putFloat", MethodType.methodType(void.class, long.class, float.class)).bindTo(unsafe);
      GET_DOUBLE = l.findVirtual(u, "getDouble", MethodType.methodType(double.class, long.class)).bindTo(unsafe);
      PUT_DOUBLE = l.findVirtual(u, "putDouble", MethodType.methodType(void.class, long.class, double.class)).bindTo(unsafe);
      GET_INT = l.findVirtual(u, "getInt", MethodType.methodType(int.class, long.class)).bindTo(unsafe);
      PUT_INT = l.findVirtual(u, "putInt", MethodType.methodType(void.class, long.class, int.class)).bindTo(unsafe);
      GET_LONG = l.findVirtual(u, "getLong", MethodType.methodType(long.class, long.class)).bindTo(unsafe);
      PUT_LONG = l.findVirtual(u, "putLong", MethodType.methodType(void.class, long.class, long.class)).bindTo(unsafe);
      MethodHandle base = l.findVirtual(u, "arrayBaseOffset", MethodType.methodType(int.class, Class.class)).bindTo(unsafe);
      FLOAT_BASE = (int) base.invokeExact((Class<?>) float[].class);
      DOUBLE_BASE = (int) base.invokeExact((Class<?>) double[].class);
      INT_BASE = (int) base.invokeExact((Class<?>) int[].class);
      LONG_BASE = (int) base.invokeExact((Class<?>) long[].class);
      BYTE_BASE = (int) base.invokeExact((Class<?>) byte[].class);
    } catch (Throwable e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private HostMemory() {}

  static long allocate(long bytes) {
    try {
      return (long) ALLOCATE.invokeExact(bytes);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static void free(long address) {
    try {
      FREE.invokeExact(address);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static void zero(long address, long bytes) {
    try {
      SET.invokeExact(address, bytes, (byte) 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The base offset of {@code array}'s first element. */
  static long arrayBase(Object array) {
    if (array instanceof float[]) {
      return FLOAT_BASE;
    } else if (array instanceof double[]) {
      return DOUBLE_BASE;
    } else if (array instanceof int[]) {
      return INT_BASE;
    } else if (array instanceof long[]) {
      return LONG_BASE;
    }
    throw new IllegalArgumentException("not a float[], double[], int[] or long[]: " + array.getClass().getName());
  }

  /** The base offset of a {@code byte[]}'s first element. */
  static long byteBase() {
    return BYTE_BASE;
  }

  /** Unsafe-style copy ({@code base == null}: native address) in chunks. */
  static void copy(Object srcBase, long srcOffset, Object dstBase, long dstOffset, long bytes) {
    try {
      while (bytes > 0) {
        long n = Math.min(bytes, CHUNK);
        COPY.invokeExact(srcBase, srcOffset, dstBase, dstOffset, n);
        bytes -= n;
        srcOffset += n;
        dstOffset += n;
      }
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static float getFloat(long address) {
    try {
      return (float) GET_FLOAT.invokeExact(address);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static void putFloat(long address, float v) {
    try {
      PUT_FLOAT.invokeExact(address, v);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static double getDouble(long address) {
    try {
      return (double) GET_DOUBLE.invokeExact(address);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static void putDouble(long address, double v) {
    try {
      PUT_DOUBLE.invokeExact(address, v);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static int getInt(long address) {
    try {
      return (int) GET_INT.invokeExact(address);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static void putInt(long address, int v) {
    try {
      PUT_INT.invokeExact(address, v);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static long getLong(long address) {
    try {
      return (long) GET_LONG.invokeExact(address);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static void putLong(long address, long v) {
    try {
      PUT_LONG.invokeExact(address, v);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    throw new AssertionError("Unsafe threw a checked exception", t);
  }
}
