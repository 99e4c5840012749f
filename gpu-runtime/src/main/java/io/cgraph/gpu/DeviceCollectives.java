package io.cgraph.gpu;

import io.cgraph.annotations.Collectives;
import io.cgraph.annotations.ReduceOp;
import io.cgraph.runtime.Failure;
import io.cgraph.runtime.internal.Collective;
import java.util.Arrays;
import java.util.Objects;

/**
 * Collectives of {@link DeviceTensor}s in a graph body: the tensor forms of
 * {@link Collectives io.cgraph.annotations.Collectives}, with the same rules, ring and reference
 * semantics (bit for bit, in the ring's order of a floating-point reduction).
 *
 * <pre>{@code
 * DeviceTensor sum = DeviceCollectives.allReduce(ReduceOp.SUM, g0, g1, g2);
 * }</pre>
 *
 * <p>Every operand has one dtype and one shape (a peer whose differ fails that execution). A
 * collective <em>consumes</em> its operands, as a method that takes a tensor does: it closes each
 * one once it has read it, so an operand may not be read by any other call (a compile error). Each
 * participant gets a new tensor of its own, on the device of its operand (a broadcast's receiver: on
 * its thread's {@linkplain Gpu#useDevice current device}); its calls <em>borrow</em> it, and the
 * graph closes it after the participant's last call that reads it (closing it in a method does no
 * harm). In a direct call of the graph method the one result is shared by all readers and nobody
 * closes it: the garbage collector frees it, with cgraph-gpu's "never closed" warning. Shapes: allReduce and broadcast keep the
 * operand's; allGather stacks along the first dimension ({@code [N * d0, d1, ...]}, a scalar
 * becomes {@code [N]}); reduceScatter's shares are flat ({@code [k]}, chunk {@code i} of the
 * reduction's elements in row-major order).
 *
 * <p>The data moves through host memory: the host backend today; on CUDA the chunks are copied to
 * and from the host for the ring.
 */
public final class DeviceCollectives {
  private DeviceCollectives() {}

  /**
   * As {@link Collectives#allReduce(ReduceOp, float[]...)}: every participant gets the reduction.
   *
   * @param op how to combine elements
   * @param parts one tensor per participant, of one dtype and shape; each is closed
   * @return a new tensor on the first part's device, of the parts' dtype and shape
   */
  public static DeviceTensor allReduce(ReduceOp op, DeviceTensor... parts) {
    Objects.requireNonNull(op, "op");
    Parts p = Parts.of("allReduce", parts);
    Object out = switch (p.dtype) {
      case FLOAT32 -> Collectives.allReduce(op, (float[][]) p.arrays);
      case FLOAT64 -> Collectives.allReduce(op, (double[][]) p.arrays);
      case INT32 -> Collectives.allReduce(op, (int[][]) p.arrays);
      case INT64 -> Collectives.allReduce(op, (long[][]) p.arrays);
    };
    return p.tensor(out, p.shape);
  }

  /**
   * As {@link Collectives#allGather(float[]...)}: the parts stacked along the first dimension.
   *
   * @param parts one tensor per participant, of one dtype and shape; each is closed
   * @return a new tensor on the first part's device, of shape {@code [N * d0, d1, ...]}
   */
  public static DeviceTensor allGather(DeviceTensor... parts) {
    Parts p = Parts.of("allGather", parts);
    Object out = switch (p.dtype) {
      case FLOAT32 -> Collectives.allGather((float[][]) p.arrays);
      case FLOAT64 -> Collectives.allGather((double[][]) p.arrays);
      case INT32 -> Collectives.allGather((int[][]) p.arrays);
      case INT64 -> Collectives.allGather((long[][]) p.arrays);
    };
    return p.tensor(out, gatheredShape(p.shape, parts.length));
  }

  /**
   * As {@link Collectives#reduceScatter(ReduceOp, float[]...)}: participant {@code i} reads
   * {@code shares[i]}, a flat tensor of chunk {@code i} of the reduction.
   *
   * @param op how to combine elements
   * @param parts one tensor per participant, of one dtype and shape; each is closed
   * @return the shares, new tensors on the first part's device
   */
  public static DeviceTensor[] reduceScatter(ReduceOp op, DeviceTensor... parts) {
    Objects.requireNonNull(op, "op");
    Parts p = Parts.of("reduceScatter", parts);
    Object[] shares = switch (p.dtype) {
      case FLOAT32 -> Collectives.reduceScatter(op, (float[][]) p.arrays);
      case FLOAT64 -> Collectives.reduceScatter(op, (double[][]) p.arrays);
      case INT32 -> Collectives.reduceScatter(op, (int[][]) p.arrays);
      case INT64 -> Collectives.reduceScatter(op, (long[][]) p.arrays);
    };
    DeviceTensor[] out = new DeviceTensor[shares.length];
    for (int i = 0; i < shares.length; i++) {
      out[i] = p.tensor(shares[i], new long[] {java.lang.reflect.Array.getLength(shares[i])});
    }
    return out;
  }

  /**
   * As {@link Collectives#broadcast(float[], Object...)}: the root's tensor to every receiver.
   *
   * @param value the root's tensor; it is closed
   * @param receivers the receiving actor parameters
   * @return a copy of {@code value}, on its device
   */
  public static DeviceTensor broadcast(DeviceTensor value, Object... receivers) {
    Objects.requireNonNull(value, "broadcast: the root's tensor is null");
    Objects.requireNonNull(receivers, "receivers");
    DeviceTensor copy = value.copy();
    value.close();
    return copy;
  }

  /**
   * This participant's part of collective {@code end} for {@code execution} (generated code): its
   * operand {@code mine} (closed here; null for a broadcast's receiver) goes round the ring; the
   * result is a new tensor, or null with {@code end.failure()} set.
   *
   * @param end the participant's end of the collective
   * @param execution the execution number
   * @param mine the participant's operand, or null
   * @param upstream the operand's failure, or null
   * @return the participant's tensor, or null when the execution failed
   */
  public static DeviceTensor run(Collective end, long execution, DeviceTensor mine, Failure upstream) {
    Object array = null;
    long[] meta = null;
    Failure failure = upstream;
    int device = Gpu.currentDevice();
    if (mine != null) {
      try {
        meta = meta(mine.dtype(), mine.shape());
        device = mine.device();
        array = toArray(mine);
      } catch (RuntimeException e) {
        // a closed or moved operand, a failed device copy: this execution fails, round the ring
        failure = end.fail(e);
        array = null;
        meta = null;
      } finally {
        mine.close();
      }
    }
    Object result = end.elements(execution, array, failure, meta);
    if (result == null) {
      return null;
    }
    try {
      long[] m = end.meta();
      DType dtype = DType.ofOrdinal((int) m[0]);
      long[] shape = Arrays.copyOfRange(m, 1, m.length);
      int length = java.lang.reflect.Array.getLength(result);
      long[] outShape = switch (end.kind()) {
        case ALL_GATHER -> gatheredShape(shape, end.size());
        case REDUCE_SCATTER -> new long[] {length};
        default -> shape;
      };
      return Gpu.fromArray(device, dtype, result, length, outShape);
    } catch (RuntimeException e) {
      end.fail(e); // the device could not take the result (out of memory): this execution fails here
      return null;
    }
  }

  private static long[] meta(DType dtype, long[] shape) {
    long[] m = new long[shape.length + 1];
    m[0] = dtype.ordinal();
    System.arraycopy(shape, 0, m, 1, shape.length);
    return m;
  }

  private static Object toArray(DeviceTensor t) {
    return switch (t.dtype()) {
      case FLOAT32 -> t.toFloatArray();
      case FLOAT64 -> t.toDoubleArray();
      case INT32 -> t.toIntArray();
      case INT64 -> t.toLongArray();
    };
  }

  private static long[] gatheredShape(long[] shape, int n) {
    if (shape.length == 0) {
      return new long[] {n};
    }
    long[] s = shape.clone();
    s[0] *= n;
    return s;
  }

  /** The parts of a direct call, read into host arrays (and closed), checked for one dtype and shape. */
  private static final class Parts {
    final DType dtype;
    final long[] shape;
    final int device;
    final Object[] arrays;

    private Parts(DType dtype, long[] shape, int device, Object[] arrays) {
      this.dtype = dtype;
      this.shape = shape;
      this.device = device;
      this.arrays = arrays;
    }

    static Parts of(String what, DeviceTensor[] parts) {
      Objects.requireNonNull(parts, "parts");
      if (parts.length < 2) {
        throw new IllegalArgumentException(what + " needs at least two participants, got " + parts.length);
      }
      for (int i = 0; i < parts.length; i++) {
        if (parts[i] == null) {
          throw new NullPointerException(what + ": participant " + i + "'s tensor is null");
        }
      }
      DType dtype = parts[0].dtype();
      long[] shape = parts[0].shape();
      for (int i = 1; i < parts.length; i++) {
        if (parts[i].dtype() != dtype || !Arrays.equals(parts[i].shape(), shape)) {
          throw new IllegalArgumentException(what + ": participant " + i + " has a " + parts[i].dtype() + " "
              + Arrays.toString(parts[i].shape()) + " tensor, participant 0 a " + dtype + " "
              + Arrays.toString(shape) + " one; all must have the same dtype and shape");
        }
      }
      Object[] arrays = (Object[]) java.lang.reflect.Array.newInstance(dtype.arrayType(), parts.length);
      int device = parts[0].device();
      for (int i = 0; i < parts.length; i++) {
        arrays[i] = toArray(parts[i]);
        parts[i].close();
      }
      return new Parts(dtype, shape, device, arrays);
    }

    DeviceTensor tensor(Object data, long[] shape) {
      return Gpu.fromArray(device, dtype, data, java.lang.reflect.Array.getLength(data), shape);
    }
  }
}
