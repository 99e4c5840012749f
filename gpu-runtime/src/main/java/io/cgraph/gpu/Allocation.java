package io.cgraph.gpu;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One block of device (or, on the host backend, off-heap) memory, shared by reference counting.
 *
 * <p>Every open {@link DeviceTensor} handle holds one reference, and so does every descriptor in
 * transit through a channel (see {@link DeviceTensorCodec}). The memory is freed exactly once, by
 * whichever {@link #release()} drops the count to zero; after that {@link #retain()} fails. Each
 * backend subclasses this with what it needs to address the memory.
 */
abstract class Allocation {
  private final Backend backend;
  private final long id;
  private final int device;
  private final long bytes;
  private final AtomicInteger refs = new AtomicInteger(1);

  /** A new allocation holding one reference, owned by whoever asked for it. */
  Allocation(Backend backend, long id, int device, long bytes) {
    this.backend = backend;
    this.id = id;
    this.device = device;
    this.bytes = bytes;
  }

  final Backend backend() {
    return backend;
  }

  /** Unique within this JVM, never reused. */
  final long id() {
    return id;
  }

  final int device() {
    return device;
  }

  final long bytes() {
    return bytes;
  }

  /** The address on the device (or in the host process), for descriptors and messages. */
  abstract long address();

  /** Current number of references (handles and transits). */
  final int refCount() {
    return refs.get();
  }

  /** Adds a reference; false if the memory was already freed. */
  final boolean retain() {
    while (true) {
      int n = refs.get();
      if (n <= 0) {
        return false;
      }
      if (refs.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Drops a reference; the last one frees the memory. */
  final void release() {
    int n = refs.decrementAndGet();
    if (n == 0) {
      backend.free(this);
    } else if (n < 0) {
      throw new AssertionError("allocation " + id + " released more often than retained");
    }
  }

  @Override
  public String toString() {
    return backend.kind().label() + ":" + device + " allocation #" + id + " (" + bytes + " bytes)";
  }
}
