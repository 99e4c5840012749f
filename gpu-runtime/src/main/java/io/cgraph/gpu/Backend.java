package io.cgraph.gpu;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory and compute backend that runs this JVM's {@link DeviceTensor}s, chosen once per JVM by
 * {@link Gpu#backend()}: {@link Kind#CUDA} on NVIDIA GPUs through JCuda when a CUDA driver is
 * present, else {@link Kind#HOST}, which keeps tensors in off-heap memory and gives the same API
 * and the same results.
 *
 * <p>The public methods are for diagnostics and tests: which backend runs and why, how many
 * devices it has, and how much memory live tensors (and tensors in transit through channels) hold
 * right now. {@link #allocatedBytes()} returning to zero is how tests prove nothing leaked.
 */
public abstract class Backend {
  /** The two backends. */
  public enum Kind {
    /** NVIDIA GPUs through the CUDA driver API (JCuda). */
    CUDA,
    /** Off-heap host memory; computes on the calling thread. */
    HOST;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final AtomicLong nextId = new AtomicLong(1);
  private final AtomicLong allocatedBytes = new AtomicLong();
  private final ConcurrentHashMap<Long, Allocation> live = new ConcurrentHashMap<>();

  Backend() {}

  /**
   * Which backend this is.
   *
   * @return {@link Kind#CUDA} or {@link Kind#HOST}
   */
  public abstract Kind kind();

  /**
   * Why it was chosen, in words (also logged once when the backend starts).
   *
   * @return why this backend runs, in words
   */
  public abstract String reason();

  /**
   * Number of devices tensors can be placed on; device ids run from 0 to {@code deviceCount() - 1}.
   *
   * @return the number of devices, at least 1
   */
  public abstract int deviceCount();

  /**
   * A one-line description of device {@code device} (for CUDA, the GPU's name).
   *
   * @param device the device id, {@code 0 .. deviceCount() - 1}
   * @return the device's description
   * @throws IllegalArgumentException if there is no device {@code device}
   */
  public abstract String deviceName(int device);

  /**
   * Bytes held right now by allocations that are not freed yet (open tensors and tensors in transit).
   *
   * @return the bytes held by live allocations; 0 when nothing is held
   */
  public final long allocatedBytes() {
    return allocatedBytes.get();
  }

  /**
   * Number of allocations that are not freed yet.
   *
   * @return the number of live allocations
   */
  public final int liveAllocations() {
    return live.size();
  }

  @Override
  public String toString() {
    return kind().label() + " backend (" + deviceCount() + " device" + (deviceCount() == 1 ? "" : "s") + "): " + reason();
  }

  // ---- what the tensors, kernels and codec need from a backend (package-private) ----

  /** Allocates {@code bytes} on {@code device}, zero-filled when {@code zero}. Holds one reference. */
  final Allocation allocate(int device, long bytes, boolean zero) {
    checkDevice(device);
    Allocation a = newAllocation(nextId.getAndIncrement(), device, bytes, zero);
    live.put(a.id(), a);
    allocatedBytes.addAndGet(bytes);
    return a;
  }

  /** Called once, by the last {@link Allocation#release()}. */
  final void free(Allocation a) {
    try {
      freeMemory(a);
    } finally {
      live.remove(a.id());
      allocatedBytes.addAndGet(-a.bytes());
    }
  }

  final void checkDevice(int device) {
    if (device < 0 || device >= deviceCount()) {
      throw new IllegalArgumentException("device " + device + " does not exist: the " + kind().label()
          + " backend has devices 0.." + (deviceCount() - 1)
          + (kind() == Kind.HOST ? " (set -Dcgraph.gpu.hostDevices=N to simulate more)" : ""));
    }
  }

  abstract Allocation newAllocation(long id, int device, long bytes, boolean zero);

  abstract void freeMemory(Allocation a);

  /** Copies {@code bytes} bytes from the start of {@code array} (a float[], double[], int[] or long[]) into {@code dst}. */
  abstract void copyFromArray(Object array, Allocation dst, long bytes);

  /** Copies {@code bytes} bytes from {@code src} into the start of {@code array}; returns when the data is there. */
  abstract void copyToArray(Allocation src, Object array, long bytes);

  /** Copies {@code bytes} bytes from {@code src} to {@code dst}, on the same device or across devices (peer copy). */
  final void copy(Allocation src, Allocation dst, long bytes) {
    copy(src, 0, dst, 0, bytes);
  }

  /**
   * Copies {@code bytes} bytes of {@code src} from byte {@code srcOffset} to {@code dst} at byte
   * {@code dstOffset}, on the same device or across devices (peer copy), ordered after earlier work
   * on {@code src} and before later work on {@code dst}.
   */
  abstract void copy(Allocation src, long srcOffset, Allocation dst, long dstOffset, long bytes);

  /** Returns once all work issued so far on {@code device} is done (a stream synchronise). */
  abstract void synchronize(int device);

  /** Marks all work issued so far that writes {@code a} (records its CUDA event); before it crosses a channel. */
  abstract void recordReady(Allocation a);

  /** Makes later work on {@code a}'s device wait for {@link #recordReady} (a CUDA stream wait); after it crossed a channel. */
  abstract void awaitReady(Allocation a);

  /** out[i] = fma(alpha, x[i], y[i]) for {@code n} elements of {@code type} (FLOAT32 or FLOAT64). */
  abstract void axpy(DType type, long n, double alpha, Allocation x, Allocation y, Allocation out);

  /** out[i] = x[i] + y[i] for {@code n} elements of {@code type}. */
  final void add(DType type, long n, Allocation x, Allocation y, Allocation out) {
    add(type, n, x, 0, y, 0, out, 0);
  }

  /**
   * As {@link #add(DType, long, Allocation, Allocation, Allocation)} from byte offsets
   * {@code xOffset}, {@code yOffset} and {@code outOffset} of the three allocations, which are on
   * one device; runs on out's device.
   */
  abstract void add(DType type, long n, Allocation x, long xOffset, Allocation y, long yOffset, Allocation out,
      long outOffset);

  /** y[r] = sum_c a[r * cols + c] * x[c], accumulated left to right with fma, for FLOAT32 or FLOAT64. */
  abstract void matVec(DType type, long rows, long cols, Allocation a, Allocation x, Allocation y);

  /** The CUDA IPC handle of {@code a}'s memory, or null where the backend cannot share memory across processes. */
  abstract byte[] ipcMemHandle(Allocation a);

  /** The CUDA IPC handle of {@code a}'s ready event, or null. */
  abstract byte[] ipcEventHandle(Allocation a);

  /**
   * Opens memory another process shared with {@link #ipcMemHandle}, waits for its event, and copies
   * it into a new allocation of this process on {@code device} (the IPC mapping is closed before
   * this returns, so the writer's process stays the only owner of its memory).
   */
  abstract Allocation importFromProcess(int device, long bytes, byte[] memHandle, byte[] eventHandle);
}
