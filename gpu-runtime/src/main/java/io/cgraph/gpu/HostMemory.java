package io.cgraph.gpu;

import java.lang.reflect.Field;
import java.nio.ByteOrder;
import sun.misc.Unsafe;

/** Off-heap memory for the host backend: allocate, free, bulk copies to and from arrays, element access. */
final class HostMemory {
  static final Unsafe UNSAFE;

  /** Copies larger than this are split so that a safepoint can happen between chunks. */
  private static final long CHUNK = 1L << 20;

  static {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new ExceptionInInitializerError("cgraph device tensors are little-endian; this platform is " + ByteOrder.nativeOrder());
    }
    try {
      Field f = Unsafe.class.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      UNSAFE = (Unsafe) f.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private HostMemory() {}

  /** The base offset of {@code array}'s first element, for Unsafe copies. */
  static long arrayBase(Object array) {
    if (array instanceof float[]) {
      return Unsafe.ARRAY_FLOAT_BASE_OFFSET;
    } else if (array instanceof double[]) {
      return Unsafe.ARRAY_DOUBLE_BASE_OFFSET;
    } else if (array instanceof int[]) {
      return Unsafe.ARRAY_INT_BASE_OFFSET;
    } else if (array instanceof long[]) {
      return Unsafe.ARRAY_LONG_BASE_OFFSET;
    }
    throw new IllegalArgumentException("not a float[], double[], int[] or long[]: " + array.getClass().getName());
  }

  /** Unsafe-style copy ({@code base == null}: native address) in chunks. */
  static void copy(Object srcBase, long srcOffset, Object dstBase, long dstOffset, long bytes) {
    while (bytes > 0) {
      long n = Math.min(bytes, CHUNK);
      UNSAFE.copyMemory(srcBase, srcOffset, dstBase, dstOffset, n);
      bytes -= n;
      srcOffset += n;
      dstOffset += n;
    }
  }
}
