package io.cgraph.gpu;

import java.lang.ref.Cleaner;
import java.util.Locale;

/**
 * The entry point of cgraph's GPU support: which backend runs, and where {@link DeviceTensor}s come
 * from.
 *
 * <p>The backend is chosen once per JVM, on first use: with a CUDA driver ({@code libcuda.so.1})
 * and at least one device, the {@linkplain Backend.Kind#CUDA CUDA backend} (JCuda); otherwise the
 * {@linkplain Backend.Kind#HOST host backend}, which has the same API and semantics and keeps
 * tensors in off-heap memory. One {@code System.Logger} line ({@code io.cgraph.gpu}, INFO) says
 * which one and why. {@code -Dcgraph.gpu.backend=host} forces the host backend;
 * {@code -Dcgraph.gpu.backend=cuda} makes a missing driver an error instead of a fallback.
 *
 * <pre>{@code
 * try (DeviceTensor a = Gpu.tensor(weights, rows, cols);
 *      DeviceTensor x = Gpu.tensor(input);
 *      DeviceTensor y = Kernels.matVec(a, x)) {
 *   float[] result = y.toFloatArray();
 * }
 * }</pre>
 *
 * <p>Every tensor this class returns is owned by the caller, who must {@link DeviceTensor#close()}
 * it (or hand it on through a graph edge, which transfers it; see {@link DeviceTensorCodec}).
 */
public final class Gpu {
  /** {@code auto} (default), {@code cuda} or {@code host}. */
  public static final String BACKEND_PROPERTY = "cgraph.gpu.backend";
  /** How many devices the host backend simulates (default 1). */
  public static final String HOST_DEVICES_PROPERTY = "cgraph.gpu.hostDevices";

  private static final System.Logger LOG = System.getLogger("io.cgraph.gpu");
  private static final ThreadLocal<Integer> THREAD_DEVICE = new ThreadLocal<>();

  private Gpu() {}

  private static final class Holder {
    static final Backend BACKEND;
    /** Why no backend started (a bad -D choice, or CUDA asked for and missing); thrown by every backend(). */
    static final IllegalStateException FAILURE;

    static {
      Backend b = null;
      IllegalStateException f = null;
      try {
        b = detect();
      } catch (IllegalStateException e) {
        f = e; // not thrown here: an initialiser's exception reaches callers as ExceptionInInitializerError
      }
      BACKEND = b;
      FAILURE = f;
    }

    static final Cleaner CLEANER = Cleaner.create(r -> {
      Thread t = new Thread(r, "cgraph-gpu-cleaner");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * The backend of this JVM, started on the first call.
   *
   * @return this JVM's backend
   * @throws IllegalStateException on every call, if no backend could start: {@code -Dcgraph.gpu.backend}
   *     names no backend, or asks for CUDA where it cannot start
   */
  public static Backend backend() {
    if (Holder.FAILURE != null) {
      throw new IllegalStateException(Holder.FAILURE.getMessage(), Holder.FAILURE);
    }
    return Holder.BACKEND;
  }

  /**
   * Whether this JVM runs the CUDA backend (a driver and at least one device were found).
   *
   * @return true on the CUDA backend, false on the host backend
   */
  public static boolean cudaAvailable() {
    return backend().kind() == Backend.Kind.CUDA;
  }

  /**
   * Number of devices of {@link #backend()}.
   *
   * @return the number of devices, at least 1
   */
  public static int deviceCount() {
    return backend().deviceCount();
  }

  /**
   * Sets the device this thread works on: {@link #allocate(DType, long...)} and {@link #tensor(float[], long...)}
   * and friends place tensors there, and a tensor read from a channel on this thread that lives on
   * another device is copied here (peer copy) by {@link DeviceTensorCodec#read}. An actor that owns
   * a GPU calls this at the start of its graph methods (actor threads are created by the graph).
   * Without a call, the thread uses device 0 and channel reads keep tensors where they are.
   *
   * @param device the device id, {@code 0 .. deviceCount() - 1}
   * @throws IllegalArgumentException if there is no device {@code device}
   */
  public static void useDevice(int device) {
    backend().checkDevice(device);
    THREAD_DEVICE.set(device);
  }

  /** Forgets {@link #useDevice} on this thread. */
  public static void clearDevice() {
    THREAD_DEVICE.remove();
  }

  /**
   * This thread's device: the last {@link #useDevice}, else 0.
   *
   * @return the device id
   */
  public static int currentDevice() {
    Integer d = THREAD_DEVICE.get();
    return d == null ? 0 : d;
  }

  /** The device set by {@link #useDevice} on this thread, or -1. */
  static int boundDevice() {
    Integer d = THREAD_DEVICE.get();
    return d == null ? -1 : d;
  }

  /**
   * A zero-filled tensor on this thread's device.
   *
   * @param dtype the element type; not null
   * @param shape the dimensions, each non-negative; none for a scalar
   * @return a new tensor, owned by the caller
   * @throws IllegalArgumentException if a dimension is negative or the size exceeds {@code Long.MAX_VALUE}
   *     bytes
   */
  public static DeviceTensor allocate(DType dtype, long... shape) {
    return allocate(currentDevice(), dtype, shape);
  }

  /**
   * A zero-filled tensor on {@code device}. A shape with no dimensions is a scalar (one element).
   *
   * @param device the device id, {@code 0 .. deviceCount() - 1}
   * @param dtype the element type; not null
   * @param shape the dimensions, each non-negative; none for a scalar
   * @return a new tensor, owned by the caller
   * @throws IllegalArgumentException if there is no device {@code device}, a dimension is negative or the size
   *     exceeds {@code Long.MAX_VALUE} bytes
   */
  public static DeviceTensor allocate(int device, DType dtype, long... shape) {
    if (dtype == null) {
      throw new NullPointerException("dtype");
    }
    long[] s = Shapes.check(shape);
    long bytes = Shapes.bytes(dtype, s);
    return DeviceTensor.wrap(backend().allocate(device, bytes, true), dtype, s);
  }

  /**
   * A FLOAT32 tensor on this thread's device holding a copy of {@code data}; shape {@code [data.length]}
   * when none is given (for a scalar, use {@code allocate(DType.FLOAT32)} with no dimensions and
   * {@link DeviceTensor#copyFrom(float[])}).
   *
   * @param data the elements, copied in order
   * @param shape the dimensions, which must multiply to {@code data.length}; none for {@code [data.length]}
   * @return a new tensor, owned by the caller
   * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
   */
  public static DeviceTensor tensor(float[] data, long... shape) {
    return tensor(currentDevice(), data, shape);
  }

  /**
   * A FLOAT64 tensor on this thread's device holding a copy of {@code data}; shape {@code [data.length]} when none is given.
   *
   * @param data the elements, copied in order
   * @param shape the dimensions, which must multiply to {@code data.length}; none for {@code [data.length]}
   * @return a new tensor, owned by the caller
   * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
   */
  public static DeviceTensor tensor(double[] data, long... shape) {
    return tensor(currentDevice(), data, shape);
  }

  /**
   * An INT32 tensor on this thread's device holding a copy of {@code data}; shape {@code [data.length]} when none is given.
   *
   * @param data the elements, copied in order
   * @param shape the dimensions, which must multiply to {@code data.length}; none for {@code [data.length]}
   * @return a new tensor, owned by the caller
   * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
   */
  public static DeviceTensor tensor(int[] data, long... shape) {
    return tensor(currentDevice(), data, shape);
  }

  /**
   * An INT64 tensor on this thread's device holding a copy of {@code data}; shape {@code [data.length]} when none is given.
   *
   * @param data the elements, copied in order
   * @param shape the dimensions, which must multiply to {@code data.length}; none for {@code [data.length]}
   * @return a new tensor, owned by the caller
   * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
   */
  public static DeviceTensor tensor(long[] data, long... shape) {
    return tensor(currentDevice(), data, shape);
  }

  /**
   * A FLOAT32 tensor on {@code device} holding a copy of {@code data}.
   *
   * @param device the device id, {@code 0 .. deviceCount() - 1}
   * @param data the elements, copied in order
   * @param shape the dimensions, which must multiply to {@code data.length}; none for {@code [data.length]}
   * @return a new tensor, owned by the caller
   * @throws IllegalArgumentException if there is no device {@code device}, or the shape does not hold
   *     {@code data.length} elements
   */
  public static DeviceTensor tensor(int device, float[] data, long... shape) {
    return fromArray(device, DType.FLOAT32, data, data.length, shape);
  }

  /**
   * A FLOAT64 tensor on {@code device} holding a copy of {@code data}.
   *
   * @param device the device id, {@code 0 .. deviceCount() - 1}
   * @param data the elements, copied in order
   * @param shape the dimensions, which must multiply to {@code data.length}; none for {@code [data.length]}
   * @return a new tensor, owned by the caller
   * @throws IllegalArgumentException if there is no device {@code device}, or the shape does not hold
   *     {@code data.length} elements
   */
  public static DeviceTensor tensor(int device, double[] data, long... shape) {
    return fromArray(device, DType.FLOAT64, data, data.length, shape);
  }

  /**
   * An INT32 tensor on {@code device} holding a copy of {@code data}.
   *
   * @param device the device id, {@code 0 .. deviceCount() - 1}
   * @param data the elements, copied in order
   * @param shape the dimensions, which must multiply to {@code data.length}; none for {@code [data.length]}
   * @return a new tensor, owned by the caller
   * @throws IllegalArgumentException if there is no device {@code device}, or the shape does not hold
   *     {@code data.length} elements
   */
  public static DeviceTensor tensor(int device, int[] data, long... shape) {
    return fromArray(device, DType.INT32, data, data.length, shape);
  }

  /**
   * An INT64 tensor on {@code device} holding a copy of {@code data}.
   *
   * @param device the device id, {@code 0 .. deviceCount() - 1}
   * @param data the elements, copied in order
   * @param shape the dimensions, which must multiply to {@code data.length}; none for {@code [data.length]}
   * @return a new tensor, owned by the caller
   * @throws IllegalArgumentException if there is no device {@code device}, or the shape does not hold
   *     {@code data.length} elements
   */
  public static DeviceTensor tensor(int device, long[] data, long... shape) {
    return fromArray(device, DType.INT64, data, data.length, shape);
  }

  static DeviceTensor fromArray(int device, DType dtype, Object data, int length, long[] shape) {
    long[] s = shape == null || shape.length == 0 ? new long[] {length} : Shapes.check(shape);
    long count = Shapes.count(s);
    if (count != length) {
      throw new IllegalArgumentException("shape " + Shapes.toString(s) + " holds " + count + " elements but the array has "
          + length + ": pass a shape whose dimensions multiply to the array length");
    }
    Allocation a = backend().allocate(device, Shapes.bytes(dtype, s), false);
    try {
      backend().copyFromArray(data, a, a.bytes());
    } catch (RuntimeException | Error e) {
      a.release();
      throw e;
    }
    return DeviceTensor.wrap(a, dtype, s);
  }

  static Cleaner cleaner() {
    return Holder.CLEANER;
  }

  static System.Logger log() {
    return LOG;
  }

  private static Backend detect() {
    String choice = System.getProperty(BACKEND_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    int hostDevices = Integer.getInteger(HOST_DEVICES_PROPERTY, 1);
    if (hostDevices < 1) {
      throw new IllegalStateException("-D" + HOST_DEVICES_PROPERTY + "=" + hostDevices + ": the host backend needs at"
          + " least one device");
    }
    Backend backend;
    switch (choice) {
      case "host":
        backend = new HostBackend("-D" + BACKEND_PROPERTY + "=host", hostDevices);
        break;
      case "cuda":
        try {
          backend = CudaBackend.start();
        } catch (Throwable t) {
          throw new IllegalStateException("-D" + BACKEND_PROPERTY + "=cuda but CUDA cannot start: " + describe(t)
              + "; install an NVIDIA driver, or drop the property to fall back to the host backend", t);
        }
        break;
      case "auto":
        try {
          backend = CudaBackend.start();
        } catch (Throwable t) {
          // No driver: JCuda's native library loads and then fails to link libcuda.so.1 (UnsatisfiedLinkError).
          backend = new HostBackend("no usable CUDA driver (" + describe(t) + "); device tensors live in off-heap host"
              + " memory", hostDevices);
        }
        break;
      default:
        throw new IllegalStateException("-D" + BACKEND_PROPERTY + "=" + choice + " is not a backend: use auto, cuda or host");
    }
    LOG.log(System.Logger.Level.INFO, "cgraph-gpu: using the " + backend);
    return backend;
  }

  /** The gist of why CUDA did not start: the libcuda line of JCuda's long message, else the first line. */
  static String describe(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (m == null) {
        continue;
      }
      for (String line : m.split("\n")) {
        int at = line.indexOf("libcuda.so");
        if (at >= 0) {
          return line.substring(at).trim();
        }
      }
    }
    String m = t.getMessage();
    String first = m == null ? "" : m.split("\n", 2)[0].trim();
    return t.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
  }
}
