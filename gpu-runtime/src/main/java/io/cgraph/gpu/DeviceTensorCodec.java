package io.cgraph.gpu;

import io.cgraph.runtime.internal.SlotReader;
import io.cgraph.runtime.internal.SlotWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a {@link DeviceTensor} crosses a graph edge: the channel slot carries a small descriptor
 * (device, address, bytes, dtype, shape, and the CUDA IPC handles of the memory and of its ordering
 * event), never the data. Generated graph code calls {@link #write} and {@link #read} for every
 * {@code DeviceTensor} value (nulls included) that crosses a channel.
 *
 * <h2>What moves where</h2>
 * <ul>
 *   <li><b>Same process, same device</b>: the reader's tensor shares the writer's memory (no copy).
 *       On CUDA the writer records the memory's event on its device's stream and the reader's stream
 *       waits for it.</li>
 *   <li><b>Same process, another device</b>: when the reading thread has called {@link
 *       Gpu#useDevice(int)} with another device, the read peer-copies the data there
 *       ({@code cuMemcpyPeerAsync}) and the reader gets the copy; otherwise it gets the tensor where
 *       it is and can {@link DeviceTensor#copyToDevice(int) copy} it itself.</li>
 *   <li><b>Another process</b> (CUDA only): the reader opens the CUDA IPC handle, waits for the IPC
 *       event, copies the data into memory of its own process and closes the handle. The host
 *       backend cannot cross processes and says so.</li>
 * </ul>
 *
 * <h2>Ownership</h2>
 * <ul>
 *   <li>{@link #write} <em>moves</em> the tensor: the writer's handle is invalidated (any later use
 *       throws; {@code close()} is a no-op) and its reference is parked in an in-process transit
 *       entry, keyed by an id that the descriptor carries.</li>
 *   <li>Each {@link #read} returns a new handle owned by the reader (an actor method's argument, or
 *       the value a driver gets from {@code Ref.get()}), which must close it or pass it on. The
 *       transit entry releases its reference after one read per reader of the writer's channel
 *       ({@link SlotWriter#fanOut()}, which the channel sets), so after the last reader closes its
 *       handle the memory is freed. Readers of one value share its memory: they must not write to it.</li>
 *   <li>Values nobody reads (a graph closed with executions in flight, results never fetched) are
 *       released by {@link #releaseUnread(SlotWriter)}, {@link #releaseAllUnread()}, or the
 *       {@link Lease} the graph holds: closing the last open lease releases all transits.</li>
 *   <li>A write that throws after the tensor moved releases the transit: the tensor is freed, as
 *       its value never reached a reader.</li>
 * </ul>
 */
public final class DeviceTensorCodec {
  /** 'CGT1': the descriptor layout version. */
  static final int MAGIC = 0x43475431;

  private static final AtomicInteger LEASES = new AtomicInteger();

  private DeviceTensorCodec() {}

  /**
   * Writes {@code t} (may be null) into the slot and moves it: after this call {@code t} is no
   * longer usable by the writer.
   *
   * @param w the channel slot being written
   * @param t the tensor to move, or null
   * @throws IllegalStateException if {@code t} was already closed or moved (an actor closed the
   *     tensor it returned, or returned the same tensor twice)
   */
  public static void write(SlotWriter w, DeviceTensor t) {
    if (t == null) {
      w.writePresent(false);
      return;
    }
    t.checkMovable();
    DType dtype = t.dtype();
    long[] shape = t.shapeRef();
    Allocation memory = t.memory();
    Backend backend = memory.backend();
    backend.recordReady(memory);
    byte[] ipcMem = null;
    byte[] ipcEvent = null;
    try {
      ipcMem = backend.ipcMemHandle(memory);
      ipcEvent = backend.ipcEventHandle(memory);
    } catch (RuntimeException noIpc) {
      // Some platforms (WSL, MPS clients, ...) cannot export IPC handles: in-process edges do not need
      // them, and a reader in another process gets a clear error instead.
      ipcMem = null;
      ipcEvent = null;
    }
    memory = t.moveOut();
    long id = Transits.put(memory, w, w.fanOut());
    try {
      w.writePresent(true);
      w.writeInt(MAGIC);
      w.writeLong(Transits.JVM_TOKEN);
      w.writeLong(Transits.PID);
      w.writeLong(id);
      w.writeByte((byte) backend.kind().ordinal());
      w.writeInt(memory.device());
      w.writeLong(memory.address());
      w.writeLong(memory.bytes());
      w.writeByte((byte) dtype.ordinal());
      w.writeLongs(shape);
      w.writeBytes(ipcMem);
      w.writeBytes(ipcEvent);
    } catch (RuntimeException | Error e) {
      Transits.discard(id);
      throw e;
    }
  }

  /**
   * Reads a tensor written by {@link #write}, or null. The caller owns the returned handle and must
   * close it (or pass it on).
   *
   * @param r the channel slot being read
   * @return a new handle owned by the caller, or null if null was written
   * @throws IllegalStateException if the descriptor is malformed, no longer in transit (read by
   *     more readers than announced, or its graph was closed), or comes from another process on a
   *     backend that cannot share memory across processes
   */
  public static DeviceTensor read(SlotReader r) {
    if (!r.readPresent()) {
      return null;
    }
    int magic = r.readInt();
    if (magic != MAGIC) {
      throw new IllegalStateException("malformed tensor descriptor: header 0x" + Integer.toHexString(magic)
          + " is not 0x" + Integer.toHexString(MAGIC) + " (writer and reader disagree on the message layout, or run"
          + " different versions of cgraph-gpu-runtime)");
    }
    long token = r.readLong();
    long pid = r.readLong();
    long id = r.readLong();
    int kind = r.readByte();
    int device = r.readInt();
    long address = r.readLong();
    long bytes = r.readLong();
    DType dtype = DType.ofOrdinal(r.readByte());
    long[] shape = r.readLongs();
    byte[] ipcMem = r.readBytes();
    byte[] ipcEvent = r.readBytes();
    if (shape == null || Shapes.bytes(dtype, Shapes.check(shape)) != bytes) {
      throw new IllegalStateException("malformed tensor descriptor: a " + dtype + " tensor of shape "
          + (shape == null ? "null" : Shapes.toString(shape)) + " cannot have " + bytes + " bytes");
    }
    Backend backend = Gpu.backend();
    Allocation memory;
    if (token == Transits.JVM_TOKEN) {
      memory = Transits.take(id);
      if (memory.device() != device || memory.address() != address || memory.bytes() != bytes) {
        memory.release();
        throw new IllegalStateException("tensor descriptor #" + id + " names device " + device + ", address 0x"
            + Long.toHexString(address) + ", " + bytes + " bytes, but the transit holds " + memory
            + " (a corrupted slot?)");
      }
      backend.awaitReady(memory);
    } else {
      if (kind != Backend.Kind.CUDA.ordinal()) {
        throw new IllegalStateException("a DeviceTensor written by process " + pid + " on its host backend reached"
            + " process " + Transits.PID + ": host-backend tensors live in their process's memory and cannot cross"
            + " processes. Run both processes on the CUDA backend (CUDA IPC), or send Java arrays across processes");
      }
      int target = Gpu.boundDevice() >= 0 ? Gpu.boundDevice() : device;
      memory = backend.importFromProcess(target, bytes, ipcMem, ipcEvent);
    }
    int bound = Gpu.boundDevice();
    if (bound >= 0 && bound != memory.device()) {
      Allocation local;
      try {
        local = backend.allocate(bound, bytes, false);
      } catch (RuntimeException | Error e) {
        memory.release();
        throw e;
      }
      try {
        backend.copy(memory, local, bytes);
      } catch (RuntimeException | Error e) {
        local.release();
        throw e;
      } finally {
        memory.release();
      }
      memory = local;
    }
    return DeviceTensor.wrap(memory, dtype, shape);
  }

  /**
   * Number of tensors written to channels in this JVM and not yet taken by all their readers.
   *
   * @return the number of tensors in transit
   */
  public static int inTransit() {
    return Transits.count();
  }

  /**
   * Releases every tensor written through {@code w} that its readers have not all taken (for
   * example after the graph was closed with executions in flight). Readers that already took one keep
   * their handles. Returns how many were released.
   *
   * @param w the channel writer; not null
   * @return how many tensors were released
   */
  public static int releaseUnread(SlotWriter w) {
    if (w == null) {
      throw new NullPointerException("w (to release everything, call releaseAllUnread())");
    }
    return Transits.releaseUnread(w);
  }

  /**
   * Releases every tensor in transit in this JVM. Only safe when no graph that carries tensors is running.
   *
   * @return how many tensors were released
   */
  public static int releaseAllUnread() {
    return Transits.releaseUnread(null);
  }

  /**
   * Registers a running graph that carries tensors; generated {@code compile()} takes one and
   * generated {@code close()} closes it after the graph stopped. When the last open lease closes,
   * every tensor still in transit is released ({@link #releaseAllUnread()}), so nothing written by
   * a closed graph outlives all graphs.
   *
   * @return a lease to close once the graph has stopped
   */
  public static Lease openGraph() {
    LEASES.incrementAndGet();
    return new Lease();
  }

  /** A running graph's claim on the transit registry; see {@link #openGraph()}. */
  public static final class Lease implements AutoCloseable {
    private final AtomicInteger open = new AtomicInteger(1);

    private Lease() {}

    /** Idempotent. The last open lease to close releases every tensor still in transit. */
    @Override
    public void close() {
      if (open.compareAndSet(1, 0) && LEASES.decrementAndGet() == 0) {
        Transits.releaseUnread(null);
      }
    }
  }
}
