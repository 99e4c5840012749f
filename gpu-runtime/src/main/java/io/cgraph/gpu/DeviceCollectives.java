package io.cgraph.gpu;

import io.cgraph.annotations.Collectives;
import io.cgraph.annotations.ReduceOp;
import io.cgraph.runtime.Failure;
import io.cgraph.runtime.internal.Collective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * <p>Where the data moves: when every participant runs in the driver's JVM, on the devices
 * themselves (device and peer copies of each participant's chunk, the {@code add} kernel for SUM,
 * on the host backend and on CUDA alike); a PRODUCT, MIN or MAX (no kernels for them) through host
 * arrays that the participants read in place; participants in worker processes or on other hosts
 * through host memory, round the ring of channels between processes. Bit for bit means every
 * element's bits, except that a NaN's payload may differ where a GPU computed it (CUDA canonicalises
 * NaNs; Java keeps the payload of an operand).
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
    if (end.inPlace() && (end.op() == null || end.op() == ReduceOp.SUM)) {
      return onDevices(end, execution, mine, upstream);
    }
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

  /**
   * The collective on the devices, for participants that all run in this JVM: each reads the
   * others' tensors where they are, with device copies (peer copies across devices) and the
   * {@code add} kernel, no host round trip. Rank {@code r} reduces chunk {@code r} in the ring's
   * order ({@code ((t[r+1] + t[r+2]) + ...) + t[r]}, bit for bit what the host computes) and copies it
   * into every participant's result; an allGather copies every operand into its own result, a
   * broadcast's receiver the root's. Before the second barrier each participant waits for the
   * copies it issued, so a result is complete when its owner goes on and an operand is no longer
   * read when its owner closes it. Reductions other than SUM (no kernels for them) go through host
   * memory.
   */
  private static DeviceTensor onDevices(Collective end, long execution, DeviceTensor mine, Failure upstream) {
    Failure failure = upstream;
    long[] meta = null;
    int length = 0;
    int device = Gpu.currentDevice();
    DeviceTensor prepared = null;
    DeviceTensor[] produced = new DeviceTensor[1];
    if (mine != null) {
      try {
        mine.memory(); // throws if its method closed or moved it
        meta = meta(mine.dtype(), mine.shape());
        device = mine.device();
        length = elements(mine);
        if (failure == null && end.kind() == Collective.Kind.ALL_REDUCE) {
          // every chunk is written by its reducer before the result is returned: not zeroed first
          Allocation a = Gpu.backend().allocate(device, mine.byteSize(), false);
          prepared = DeviceTensor.wrap(a, mine.dtype(), mine.shape());
        }
      } catch (RuntimeException e) {
        failure = end.fail(e); // this execution fails for every participant
        meta = null;
      }
    }
    int here = device;
    Object out;
    try {
      out = end.meet(execution, failure == null ? mine : null, length, meta, failure, prepared,
          (operands, results, n) -> {
            produced[0] = work(end, here, operands, results, n);
            return produced[0];
          });
    } catch (RuntimeException | Error e) {
      // The graph closed or broke during the collective: peers may still read this operand and write
      // the prepared result, so those are left to the garbage collector's cleaner; only what this
      // participant alone wrote is freed now.
      if (produced[0] != null && produced[0] != prepared) {
        produced[0].close();
      }
      throw e;
    }
    if (mine != null) {
      mine.close(); // consumed; every peer is done reading it
    }
    if (out == null) {
      if (produced[0] != null && produced[0] != prepared) {
        produced[0].close(); // a peer's work failed: this execution fails, nothing is returned
      }
      if (prepared != null) {
        prepared.close();
      }
    }
    return (DeviceTensor) out;
  }

  /** One participant's work between the barriers of {@link #onDevices}. */
  private static DeviceTensor work(Collective end, int device, Object[] operands, Object[] results, int n) {
    Backend b = Gpu.backend();
    int rank = end.rank();
    int size = end.size();
    DeviceTensor first = (DeviceTensor) operands[end.kind() == Collective.Kind.BROADCAST ? 0 : rank];
    DType dtype = first.dtype();
    long es = dtype.byteSize();
    DeviceTensor result = null;
    // One scratch chunk per operand on another device: a peer copy runs on its source's stream, so a
    // scratch reused for the next operand could be overwritten while the add still reads it.
    List<Allocation> scratch = new ArrayList<>();
    try {
      switch (end.kind()) {
        case ALL_REDUCE, REDUCE_SCATTER -> {
          int from = end.chunkStart(rank, n);
          int to = end.chunkStart(rank + 1, n);
          long bytes = (long) (to - from) * es;
          boolean all = end.kind() == Collective.Kind.ALL_REDUCE;
          result = all ? (DeviceTensor) results[rank]
              : DeviceTensor.wrap(b.allocate(device, bytes, false), dtype, new long[] {to - from});
          Allocation acc = result.memory();
          long at = all ? from * es : 0;
          b.copy(memory(operands[(rank + 1) % size]), from * es, acc, at, bytes);
          for (int j = 2; j <= size; j++) {
            Allocation src = memory(operands[(rank + j) % size]);
            long srcAt = from * es;
            if (src.device() != device) { // the kernel reads one device: bring the chunk over first
              Allocation here = b.allocate(device, bytes, false);
              scratch.add(here);
              b.copy(src, srcAt, here, 0, bytes);
              src = here;
              srcAt = 0;
            }
            b.add(dtype, to - from, acc, at, src, srcAt, acc, at);
          }
          for (int j = 1; all && j < size; j++) {
            b.copy(acc, at, memory(results[(rank + j) % size]), from * es, bytes);
          }
        }
        case ALL_GATHER -> {
          long bytes = n * es;
          result = DeviceTensor.wrap(b.allocate(device, bytes * size, false), dtype,
              gatheredShape(first.shape(), size));
          for (int j = 0; j < size; j++) {
            b.copy(memory(operands[j]), 0, result.memory(), j * bytes, bytes);
          }
        }
        case BROADCAST -> {
          result = DeviceTensor.wrap(b.allocate(device, n * es, false), dtype, first.shape());
          b.copy(first.memory(), 0, result.memory(), 0, n * es);
        }
        default -> throw new AssertionError(end.kind());
      }
      synchronize(b, operands, results, device);
    } catch (RuntimeException | Error e) {
      if (result != null && end.kind() != Collective.Kind.ALL_REDUCE) {
        result.close(); // the prepared result of an allReduce is its caller's to close
      }
      throw e;
    } finally {
      scratch.forEach(Allocation::release); // after the synchronize, or freed behind the stream's work
    }
    return result;
  }

  private static Allocation memory(Object tensor) {
    return ((DeviceTensor) tensor).memory();
  }

  /** Waits for the work issued on every device this participant's copies touched. */
  private static void synchronize(Backend b, Object[] operands, Object[] results, int device) {
    java.util.BitSet done = new java.util.BitSet();
    b.synchronize(device);
    done.set(device);
    for (Object[] tensors : new Object[][] {operands, results}) {
      for (Object t : tensors) {
        if (t != null && !done.get(((DeviceTensor) t).device())) {
          int d = ((DeviceTensor) t).device();
          b.synchronize(d);
          done.set(d);
        }
      }
    }
  }

  /** A tensor's element count as the ring counts it (an int: a Java array's bound). */
  private static int elements(DeviceTensor t) {
    long n = t.elementCount();
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a collective carries at most " + (Integer.MAX_VALUE - 8) + " elements per"
          + " participant, not " + n);
    }
    return (int) n;
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
