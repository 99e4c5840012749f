package io.cgraph.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteOrder;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * Bulk copies between heap arrays and native (mapped) memory, and the array base offsets they
 * need. Single values go through Chronicle's {@link UnsafeMemory#MEMORY}; bulk copies use
 * {@code Unsafe.copyMemory} directly (bound once as a method handle, which the JIT inlines),
 * because Chronicle's object-to-object copy treats {@code byte[]} offsets specially.
 *
 * <p>An {@code (Object base, long offset)} pair addresses memory the way {@code Unsafe} does:
 * {@code base == null} means {@code offset} is a native address.
 */
final class RawMemory {
  static final long BYTE_BASE = UnsafeMemory.MEMORY.arrayBaseOffset(byte[].class);
  static final long BOOLEAN_BASE = UnsafeMemory.MEMORY.arrayBaseOffset(boolean[].class);
  static final long SHORT_BASE = UnsafeMemory.MEMORY.arrayBaseOffset(short[].class);
  static final long CHAR_BASE = UnsafeMemory.MEMORY.arrayBaseOffset(char[].class);
  static final long INT_BASE = UnsafeMemory.MEMORY.arrayBaseOffset(int[].class);
  static final long LONG_BASE = UnsafeMemory.MEMORY.arrayBaseOffset(long[].class);
  static final long FLOAT_BASE = UnsafeMemory.MEMORY.arrayBaseOffset(float[].class);
  static final long DOUBLE_BASE = UnsafeMemory.MEMORY.arrayBaseOffset(double[].class);

  /** Copies larger than this are split so that a safepoint can happen between chunks. */
  private static final long CHUNK = 1L << 20;

  private static final MethodHandle COPY;

  static {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new ExceptionInInitializerError("cgraph channels are little-endian and need a little-endian platform; this one is "
          + ByteOrder.nativeOrder());
    }
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
      theUnsafe.setAccessible(true);
      COPY = MethodHandles.lookup()
          .findVirtual(unsafeClass, "copyMemory",
              MethodType.methodType(void.class, Object.class, long.class, Object.class, long.class, long.class))
          .bindTo(theUnsafe.get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * {@code jdk.internal.misc.Unsafe.allocateUninitializedArray}, bound to the JDK's Unsafe where
   * {@code java.base/jdk.internal.misc} is exported to cgraph (as Aeron needs anyway); else null.
   */
  private static final MethodHandle UNINITIALIZED = uninitializedArrays();

  private static MethodHandle uninitializedArrays() {
    try {
      Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
      Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
      MethodHandle h = MethodHandles.lookup().findVirtual(unsafeClass, "allocateUninitializedArray",
          MethodType.methodType(Object.class, Class.class, int.class)).bindTo(unsafe);
      Object probe = (Object) h.invokeExact((Class<?>) float.class, 1);
      return probe instanceof float[] ? h : null;
    } catch (Throwable notExported) { // IllegalAccessException without --add-exports: plain new arrays
      return null;
    }
  }

  private RawMemory() {}

  /** Whether {@link #uninitializedArray} skips the zeroing (the JDK's Unsafe is exported to cgraph). */
  static boolean skipsZeroing() {
    return UNINITIALIZED != null;
  }

  /**
   * A new array of {@code length} elements of primitive type {@code component} whose contents are
   * not zeroed first, where the JDK lets cgraph skip that (else a plain new array): for callers
   * that write every element before anyone reads it.
   */
  static Object uninitializedArray(Class<?> component, int length) {
    if (UNINITIALIZED != null && length > 0) {
      try {
        return (Object) UNINITIALIZED.invokeExact(component, length);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new AssertionError("Unsafe.allocateUninitializedArray threw a checked exception", t);
      }
    }
    return java.lang.reflect.Array.newInstance(component, length);
  }

  /** Copies {@code bytes} bytes from {@code (src, srcOffset)} to {@code (dst, dstOffset)}. */
  static void copy(Object src, long srcOffset, Object dst, long dstOffset, long bytes) {
    try {
      while (bytes > 0) {
        long n = Math.min(bytes, CHUNK);
        COPY.invokeExact(src, srcOffset, dst, dstOffset, n);
        bytes -= n;
        srcOffset += n;
        dstOffset += n;
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new AssertionError("Unsafe.copyMemory threw a checked exception", t);
    }
  }
}
