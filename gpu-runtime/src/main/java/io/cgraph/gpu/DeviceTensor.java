package io.cgraph.gpu;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A typed, shaped, dense (row-major) buffer owned by a device: GPU memory on the CUDA backend,
 * off-heap memory on the host backend. Created by {@link Gpu} ({@code allocate}, {@code tensor}),
 * by {@link Kernels}, by {@link #copy()}/{@link #copyToDevice(int)}, or received from a graph edge.
 *
 * <h2>Ownership</h2>
 * A {@code DeviceTensor} is a <em>handle</em> that holds one reference to its device memory; the
 * memory is freed when the last reference goes. The rules:
 * <ul>
 *   <li>Whoever receives a handle owns it and must {@link #close()} it (try-with-resources), or
 *       pass it on through a graph edge. This holds for every factory here, for the tensors an
 *       actor method receives as arguments, and for the tensors a driver receives from
 *       {@code Ref.get()}.</li>
 *   <li>Returning a tensor from an actor method, or passing it to a graph's {@code execute}, moves
 *       it: the handle is invalidated as the value is written to the channel ({@link
 *       DeviceTensorCodec#write}), the memory travels by reference (no copy on the same device) and
 *       the reader gets a new handle. Any later use of the moved handle throws {@link
 *       IllegalStateException}; {@link #close()} on it does nothing. Never return a tensor you
 *       closed, and {@link #copy()} a tensor before returning it if you still need it.</li>
 *   <li>When several calls read one value (fan-out), their handles share one memory block: treat
 *       tensors received from a channel as read-only. {@link #copyFrom(float[])} and friends refuse to
 *       write while the memory is shared.</li>
 *   <li>{@link #reshape(long...)} returns another handle to the same memory; close both.</li>
 *   <li>A handle that becomes unreachable without being closed is freed by a cleaner thread, with a
 *       WARNING log line: a safety net, not a way to manage memory.</li>
 * </ul>
 *
 * <p>Closing is idempotent; any other method on a closed (or moved) handle throws {@link
 * IllegalStateException}. One handle is used by one thread at a time; different handles to the
 * same memory may be used by different threads for reading.
 */
public final class DeviceTensor implements AutoCloseable {
  private static final int OPEN = 0;
  private static final int CLOSED = 1;
  private static final int MOVED = 2;

  private final Allocation memory;
  private final DType dtype;
  private final long[] shape;
  private final long count;
  private final AtomicInteger state = new AtomicInteger(OPEN);
  private final Release release;
  private final Cleaner.Cleanable cleanable;

  /** What the cleaner runs: drops this handle's reference, once, and says so if nobody closed it. */
  private static final class Release implements Runnable {
    private final Allocation memory;
    private final String what;
    volatile boolean explicit;

    Release(Allocation memory, String what) {
      this.memory = memory;
      this.what = what;
    }

    @Override
    public void run() {
      if (!explicit) {
        Gpu.log().log(System.Logger.Level.WARNING, "cgraph-gpu: a DeviceTensor (" + what + ") was never closed; the"
            + " garbage collector freed it. Close tensors when done (try-with-resources) or return them from the actor"
            + " method that made them.");
      }
      memory.release();
    }
  }

  private DeviceTensor(Allocation memory, DType dtype, long[] shape) {
    this.memory = memory;
    this.dtype = dtype;
    this.shape = shape;
    this.count = Shapes.count(shape);
    this.release = new Release(memory, describe(memory, dtype, shape));
    this.cleanable = Gpu.cleaner().register(this, release);
  }

  /** A new handle that takes over one reference the caller already holds on {@code memory}. */
  static DeviceTensor wrap(Allocation memory, DType dtype, long[] shape) {
    if (Shapes.bytes(dtype, shape) != memory.bytes()) {
      memory.release();
      throw new IllegalStateException("a " + dtype + " tensor of shape " + Shapes.toString(shape) + " does not fit "
          + memory);
    }
    return new DeviceTensor(memory, dtype, shape);
  }

  /**
   * The element type.
   *
   * @return the element type
   */
  public DType dtype() {
    checkOpen();
    return dtype;
  }

  /**
   * The dimensions (a copy); empty for a scalar.
   *
   * @return a new array of the dimensions
   */
  public long[] shape() {
    checkOpen();
    return shape.clone();
  }

  /**
   * Number of dimensions.
   *
   * @return the number of dimensions; 0 for a scalar
   */
  public int rank() {
    checkOpen();
    return shape.length;
  }

  /**
   * Number of elements: the product of the dimensions (1 for a scalar).
   *
   * @return the number of elements
   */
  public long elementCount() {
    checkOpen();
    return count;
  }

  /**
   * Size of the data in bytes.
   *
   * @return {@link #elementCount()} times the element type's {@link DType#byteSize()}
   */
  public long byteSize() {
    checkOpen();
    return memory.bytes();
  }

  /**
   * The device the data lives on, {@code 0 .. Gpu.deviceCount() - 1}.
   *
   * @return the device id
   */
  public int device() {
    checkOpen();
    return memory.device();
  }

  /**
   * Whether this handle can still be used (not closed, not moved into a channel).
   *
   * @return true until this handle is closed or moved
   */
  public boolean isOpen() {
    return state.get() == OPEN;
  }

  /**
   * Replaces the contents with {@code src}, whose length must equal {@link #elementCount()}. FLOAT32 only.
   *
   * @param src the new contents, {@link #elementCount()} elements
   * @throws IllegalArgumentException if this tensor is not FLOAT32 or {@code src} has another length
   * @throws IllegalStateException if this handle is closed or moved, or shares its memory with another handle
   */
  public void copyFrom(float[] src) {
    copyIn(DType.FLOAT32, src, src.length);
  }

  /**
   * Replaces the contents with {@code src}. FLOAT64 only.
   *
   * @param src the new contents, {@link #elementCount()} elements
   * @throws IllegalArgumentException if this tensor is not FLOAT64 or {@code src} has another length
   * @throws IllegalStateException if this handle is closed or moved, or shares its memory with another handle
   */
  public void copyFrom(double[] src) {
    copyIn(DType.FLOAT64, src, src.length);
  }

  /**
   * Replaces the contents with {@code src}. INT32 only.
   *
   * @param src the new contents, {@link #elementCount()} elements
   * @throws IllegalArgumentException if this tensor is not INT32 or {@code src} has another length
   * @throws IllegalStateException if this handle is closed or moved, or shares its memory with another handle
   */
  public void copyFrom(int[] src) {
    copyIn(DType.INT32, src, src.length);
  }

  /**
   * Replaces the contents with {@code src}. INT64 only.
   *
   * @param src the new contents, {@link #elementCount()} elements
   * @throws IllegalArgumentException if this tensor is not INT64 or {@code src} has another length
   * @throws IllegalStateException if this handle is closed or moved, or shares its memory with another handle
   */
  public void copyFrom(long[] src) {
    copyIn(DType.INT64, src, src.length);
  }

  /**
   * Copies the contents into {@code dst}, whose length must equal {@link #elementCount()}. FLOAT32 only.
   *
   * @param dst the array to fill, {@link #elementCount()} elements
   * @throws IllegalArgumentException if this tensor is not FLOAT32 or {@code dst} has another length
   * @throws IllegalStateException if this handle is closed or moved
   */
  public void copyTo(float[] dst) {
    copyOut(DType.FLOAT32, dst, dst.length);
  }

  /**
   * Copies the contents into {@code dst}. FLOAT64 only.
   *
   * @param dst the array to fill, {@link #elementCount()} elements
   * @throws IllegalArgumentException if this tensor is not FLOAT64 or {@code dst} has another length
   * @throws IllegalStateException if this handle is closed or moved
   */
  public void copyTo(double[] dst) {
    copyOut(DType.FLOAT64, dst, dst.length);
  }

  /**
   * Copies the contents into {@code dst}. INT32 only.
   *
   * @param dst the array to fill, {@link #elementCount()} elements
   * @throws IllegalArgumentException if this tensor is not INT32 or {@code dst} has another length
   * @throws IllegalStateException if this handle is closed or moved
   */
  public void copyTo(int[] dst) {
    copyOut(DType.INT32, dst, dst.length);
  }

  /**
   * Copies the contents into {@code dst}. INT64 only.
   *
   * @param dst the array to fill, {@link #elementCount()} elements
   * @throws IllegalArgumentException if this tensor is not INT64 or {@code dst} has another length
   * @throws IllegalStateException if this handle is closed or moved
   */
  public void copyTo(long[] dst) {
    copyOut(DType.INT64, dst, dst.length);
  }

  /**
   * The contents as a new array. FLOAT32 only.
   *
   * @return a new array of {@link #elementCount()} elements
   * @throws IllegalArgumentException if this tensor is not FLOAT32
   * @throws IllegalStateException if this handle is closed or moved, or has more elements than a Java array
   *     holds
   */
  public float[] toFloatArray() {
    float[] a = new float[arrayLength(DType.FLOAT32)];
    copyTo(a);
    return a;
  }

  /**
   * The contents as a new array. FLOAT64 only.
   *
   * @return a new array of {@link #elementCount()} elements
   * @throws IllegalArgumentException if this tensor is not FLOAT64
   * @throws IllegalStateException if this handle is closed or moved, or has more elements than a Java array
   *     holds
   */
  public double[] toDoubleArray() {
    double[] a = new double[arrayLength(DType.FLOAT64)];
    copyTo(a);
    return a;
  }

  /**
   * The contents as a new array. INT32 only.
   *
   * @return a new array of {@link #elementCount()} elements
   * @throws IllegalArgumentException if this tensor is not INT32
   * @throws IllegalStateException if this handle is closed or moved, or has more elements than a Java array
   *     holds
   */
  public int[] toIntArray() {
    int[] a = new int[arrayLength(DType.INT32)];
    copyTo(a);
    return a;
  }

  /**
   * The contents as a new array. INT64 only.
   *
   * @return a new array of {@link #elementCount()} elements
   * @throws IllegalArgumentException if this tensor is not INT64
   * @throws IllegalStateException if this handle is closed or moved, or has more elements than a Java array
   *     holds
   */
  public long[] toLongArray() {
    long[] a = new long[arrayLength(DType.INT64)];
    copyTo(a);
    return a;
  }

  /**
   * A new tensor (owned by the caller) with a copy of the data, on the same device.
   *
   * @return the copy, owned by the caller
   * @throws IllegalStateException if this handle is closed or moved
   */
  public DeviceTensor copy() {
    return copyToDevice(device());
  }

  /**
   * A new tensor (owned by the caller) with a copy of the data on {@code device}: a device-to-device
   * copy, or a peer copy ({@code cuMemcpyPeerAsync}) when {@code device} differs. This handle stays
   * open.
   *
   * @param device the target device id, {@code 0 .. Gpu.deviceCount() - 1}; may be this tensor's own
   * @return the copy, owned by the caller
   * @throws IllegalArgumentException if there is no device {@code device}
   * @throws IllegalStateException if this handle is closed or moved
   */
  public DeviceTensor copyToDevice(int device) {
    checkOpen();
    Backend b = memory.backend();
    Allocation a = b.allocate(device, memory.bytes(), false);
    try {
      b.copy(memory, a, memory.bytes());
    } catch (RuntimeException | Error e) {
      a.release();
      throw e;
    }
    return new DeviceTensor(a, dtype, shape.clone());
  }

  /**
   * Another handle to the same memory with another shape of the same element count (no copy). Both
   * handles must be closed; the memory goes when the last does.
   *
   * @param newShape the new dimensions, which must multiply to {@link #elementCount()}; none for a scalar
   * @return a new handle to the same memory, owned by the caller
   * @throws IllegalArgumentException if a dimension is negative or the element counts differ
   * @throws IllegalStateException if this handle is closed or moved
   */
  public DeviceTensor reshape(long... newShape) {
    checkOpen();
    long[] s = Shapes.check(newShape);
    if (Shapes.count(s) != count) {
      throw new IllegalArgumentException("cannot reshape " + Shapes.toString(shape) + " (" + count + " elements) to "
          + Shapes.toString(s) + " (" + Shapes.count(s) + " elements): the element counts must match");
    }
    if (!memory.retain()) {
      throw new IllegalStateException(this + " lost its memory; this is a bug in cgraph-gpu-runtime");
    }
    return new DeviceTensor(memory, dtype, s);
  }

  /** Releases this handle's reference; frees the memory if it was the last. Idempotent; no-op on a moved handle. */
  @Override
  public void close() {
    if (state.compareAndSet(OPEN, CLOSED)) {
      release.explicit = true;
      cleanable.clean();
    }
  }

  @Override
  public String toString() {
    int s = state.get();
    return "DeviceTensor(" + describe(memory, dtype, shape) + (s == OPEN ? "" : s == CLOSED ? ", closed" : ", moved") + ")";
  }

  // ---- package-private: kernels and the codec ----

  /** The memory, for kernels and the codec; the handle must be open. */
  Allocation memory() {
    checkOpen();
    return memory;
  }

  /** The dimensions without a copy. */
  long[] shapeRef() {
    return shape;
  }

  /**
   * Moves this handle's reference out (to a channel transit): the handle becomes unusable and the
   * caller now holds the reference this handle held.
   */
  Allocation moveOut() {
    if (!state.compareAndSet(OPEN, MOVED)) {
      throw notMovable();
    }
    if (!memory.retain()) {
      throw new AssertionError(memory + " freed under an open handle");
    }
    release.explicit = true;
    cleanable.clean();
    return memory;
  }

  /** Throws what {@link #moveOut()} would if this handle cannot cross a graph edge. */
  void checkMovable() {
    if (state.get() != OPEN) {
      throw notMovable();
    }
  }

  private IllegalStateException notMovable() {
    return new IllegalStateException(this + " cannot cross a graph edge: it was "
        + (state.get() == CLOSED ? "closed" : "already moved into a channel")
        + ". An actor must not close (or return twice) a tensor it returns; return copy() if it keeps one too");
  }

  private void checkOpen() {
    int s = state.get();
    if (s == OPEN) {
      return;
    }
    if (s == CLOSED) {
      throw new IllegalStateException(this + " is closed: it cannot be used after close(). Keep it open until you are"
          + " done with it, or copy() it first");
    }
    throw new IllegalStateException(this + " was moved into a channel when it crossed a graph edge (an actor returned"
        + " it, or it was passed to execute) and belongs to the reader now: do not use it after returning it; return"
        + " copy() if you still need it");
  }

  private void checkType(DType wanted, String what) {
    if (dtype != wanted) {
      throw new IllegalArgumentException(what + " needs a " + wanted + " tensor, but " + this + " is " + dtype
          + ": use the " + dtype.arrayType().getSimpleName() + " overload");
    }
  }

  private int arrayLength(DType wanted) {
    checkOpen();
    checkType(wanted, "to" + (wanted == DType.FLOAT32 ? "Float" : wanted == DType.FLOAT64 ? "Double"
        : wanted == DType.INT32 ? "Int" : "Long") + "Array()");
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(this + " has " + count + " elements, more than a Java array holds: reshape()"
          + " and copy it in parts on the device, or keep it there");
    }
    return (int) count;
  }

  private void copyIn(DType wanted, Object src, int length) {
    checkOpen();
    checkType(wanted, "copyFrom(" + wanted.arrayType().getSimpleName() + ")");
    checkLength(length, "copyFrom");
    int refs = memory.refCount();
    if (refs > 1) {
      throw new IllegalStateException(this + " shares its memory with " + (refs - 1) + " other handle(s) (a fan-out"
          + " read, a reshape, or a tensor in a channel): writing would change their data too. copy() it and write"
          + " the copy");
    }
    memory.backend().copyFromArray(src, memory, memory.bytes());
  }

  private void copyOut(DType wanted, Object dst, int length) {
    checkOpen();
    checkType(wanted, "copyTo(" + wanted.arrayType().getSimpleName() + ")");
    checkLength(length, "copyTo");
    memory.backend().copyToArray(memory, dst, memory.bytes());
  }

  private void checkLength(int length, String what) {
    if (length != count) {
      throw new IllegalArgumentException(what + ": the array has " + length + " elements but " + this + " has " + count
          + ": pass an array of exactly elementCount() elements");
    }
  }

  private static String describe(Allocation memory, DType dtype, long[] shape) {
    return dtype + Shapes.toString(shape) + " on " + memory.backend().kind().label() + ":" + memory.device();
  }
}
