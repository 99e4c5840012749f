package io.cgraph.gpu;

import java.util.Arrays;

/** Shape arithmetic and checks shared by the tensor factories, the codec and the kernels. */
final class Shapes {
  private Shapes() {}

  /** A defensive copy of {@code shape}, every dimension non-negative and the byte size representable. */
  static long[] check(long[] shape) {
    long[] s = shape == null ? new long[0] : shape.clone();
    for (long d : s) {
      if (d < 0) {
        throw new IllegalArgumentException("shape " + toString(s) + " has a negative dimension");
      }
    }
    count(s);
    return s;
  }

  /** The number of elements; 1 for a scalar (no dimensions). */
  static long count(long[] shape) {
    long n = 1;
    for (long d : shape) {
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("shape " + toString(shape) + " has more than Long.MAX_VALUE elements");
      }
    }
    return n;
  }

  static long bytes(DType dtype, long[] shape) {
    try {
      return Math.multiplyExact(count(shape), (long) dtype.byteSize());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("a " + dtype + " tensor of shape " + toString(shape) + " would exceed Long.MAX_VALUE bytes");
    }
  }

  static String toString(long[] shape) {
    return Arrays.toString(shape);
  }
}
