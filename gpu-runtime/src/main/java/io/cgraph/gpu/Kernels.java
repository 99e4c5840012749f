package io.cgraph.gpu;

import java.util.Arrays;

/**
 * Device computations an actor can call on {@link DeviceTensor}s. On the CUDA backend they launch
 * the kernels of {@code io/cgraph/gpu/kernels.ptx} on the inputs' device; on the host backend they
 * run on the calling thread. Both compute the same expressions in the same order with the same
 * rounding ({@code fma} where the formula says so, otherwise one IEEE-754 operation per step), so
 * results are bit-identical across backends for finite inputs; only the payload bits of NaN results
 * may differ.
 *
 * <p>Inputs must be open and on one device; they stay owned by the caller. Each result is a new
 * tensor on that device, owned by the caller. Work is asynchronous on the CUDA backend: the result
 * is complete before anything else reads it (same-device stream order, events across devices and
 * processes, synchronisation before host copies).
 */
public final class Kernels {
  private Kernels() {}

  /**
   * {@code alpha * x + y} element-wise, as one fused multiply-add per element
   * ({@code Math.fma(alpha, x[i], y[i])}). FLOAT32 (alpha is rounded to float first) or FLOAT64;
   * {@code x} and {@code y} of the same dtype and shape.
   *
   * @param alpha the factor applied to {@code x}
   * @param x the tensor scaled by {@code alpha}; FLOAT32 or FLOAT64
   * @param y the tensor added; same dtype, shape and device as {@code x}
   * @return a new tensor of {@code x}'s dtype and shape, owned by the caller
   * @throws IllegalArgumentException if the dtype is not FLOAT32 or FLOAT64, or {@code x} and {@code y} differ in
   *     dtype, shape or device
   * @throws IllegalStateException if an input is closed or moved
   */
  public static DeviceTensor axpy(double alpha, DeviceTensor x, DeviceTensor y) {
    DType t = sameTypeAndShape("axpy", x, y);
    floating("axpy", t);
    Allocation out = x.memory().backend().allocate(device("axpy", x, y), x.byteSize(), false);
    return run(out, t, x.shape(), () -> x.memory().backend().axpy(t, x.elementCount(), alpha, x.memory(), y.memory(), out));
  }

  /**
   * {@code x + y} element-wise, any dtype (integers wrap around like Java's {@code +}); same dtype and shape.
   *
   * @param x the first operand
   * @param y the second operand; same dtype, shape and device as {@code x}
   * @return a new tensor of {@code x}'s dtype and shape, owned by the caller
   * @throws IllegalArgumentException if {@code x} and {@code y} differ in dtype, shape or device
   * @throws IllegalStateException if an input is closed or moved
   */
  public static DeviceTensor add(DeviceTensor x, DeviceTensor y) {
    DType t = sameTypeAndShape("add", x, y);
    Allocation out = x.memory().backend().allocate(device("add", x, y), x.byteSize(), false);
    return run(out, t, x.shape(), () -> x.memory().backend().add(t, x.elementCount(), x.memory(), y.memory(), out));
  }

  /**
   * The matrix–vector product {@code y = a · x} for a {@code [rows, cols]} matrix and a {@code [cols]}
   * vector, FLOAT32 or FLOAT64; returns a {@code [rows]} vector. Each {@code y[r]} starts at 0 and
   * accumulates {@code acc = fma(a[r][c], x[c], acc)} for {@code c = 0, 1, ...} in order.
   *
   * @param a the {@code [rows, cols]} matrix; FLOAT32 or FLOAT64
   * @param x the {@code [cols]} vector; same dtype and device as {@code a}
   * @return a new {@code [rows]} vector of {@code a}'s dtype, owned by the caller
   * @throws IllegalArgumentException if the dtype is not FLOAT32 or FLOAT64, the dtypes or devices differ, or the
   *     shapes do not fit
   * @throws IllegalStateException if an input is closed or moved
   */
  public static DeviceTensor matVec(DeviceTensor a, DeviceTensor x) {
    if (a.dtype() != x.dtype()) {
      throw new IllegalArgumentException("matVec: matrix is " + a.dtype() + " but vector is " + x.dtype()
          + ": both must have the same dtype");
    }
    DType t = a.dtype();
    floating("matVec", t);
    long[] as = a.shape();
    long[] xs = x.shape();
    if (as.length != 2 || xs.length != 1 || as[1] != xs[0]) {
      throw new IllegalArgumentException("matVec needs a [rows, cols] matrix and a [cols] vector; got "
          + Arrays.toString(as) + " and " + Arrays.toString(xs) + " (reshape() them first)");
    }
    long rows = as[0];
    long cols = as[1];
    Allocation y = a.memory().backend().allocate(device("matVec", a, x), rows * t.byteSize(), false);
    return run(y, t, new long[] {rows}, () -> a.memory().backend().matVec(t, rows, cols, a.memory(), x.memory(), y));
  }

  private static DeviceTensor run(Allocation out, DType t, long[] shape, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | Error e) {
      out.release();
      throw e;
    }
    return DeviceTensor.wrap(out, t, shape);
  }

  private static DType sameTypeAndShape(String op, DeviceTensor x, DeviceTensor y) {
    if (x.dtype() != y.dtype()) {
      throw new IllegalArgumentException(op + ": x is " + x.dtype() + " but y is " + y.dtype() + ": both must have the same dtype");
    }
    if (!Arrays.equals(x.shape(), y.shape())) {
      throw new IllegalArgumentException(op + ": x has shape " + Arrays.toString(x.shape()) + " but y has "
          + Arrays.toString(y.shape()) + ": both must have the same shape");
    }
    return x.dtype();
  }

  private static void floating(String op, DType t) {
    if (t != DType.FLOAT32 && t != DType.FLOAT64) {
      throw new IllegalArgumentException(op + " is defined for FLOAT32 and FLOAT64 tensors, not " + t);
    }
  }

  private static int device(String op, DeviceTensor x, DeviceTensor y) {
    if (x.device() != y.device()) {
      throw new IllegalArgumentException(op + ": inputs live on devices " + x.device() + " and " + y.device()
          + ": move one with copyToDevice() first");
    }
    return x.device();
  }
}
