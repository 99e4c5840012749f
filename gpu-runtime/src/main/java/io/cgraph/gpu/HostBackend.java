package io.cgraph.gpu;

/**
 * The backend used when no CUDA driver is present: every "device" is off-heap memory of this
 * process ({@code Unsafe.allocateMemory}, freed deterministically when the last reference goes),
 * copies are {@code memcpy}, kernels run on the calling thread with the same arithmetic, in the same
 * order, as the PTX kernels, so results are bit-identical. Work is synchronous, so the ordering
 * events of the CUDA backend are no-ops here.
 *
 * <p>It has {@code -Dcgraph.gpu.hostDevices} devices (default 1); more than one only labels memory,
 * which lets the peer-copy paths run on machines without GPUs.
 */
final class HostBackend extends Backend {
  private final String reason;
  private final int devices;

  HostBackend(String reason, int devices) {
    this.reason = reason;
    this.devices = devices;
  }

  @Override
  public Kind kind() {
    return Kind.HOST;
  }

  @Override
  public String reason() {
    return reason;
  }

  @Override
  public int deviceCount() {
    return devices;
  }

  @Override
  public String deviceName(int device) {
    checkDevice(device);
    return "host memory (simulated device " + device + ")";
  }

  private static final class HostAllocation extends Allocation {
    final long address;

    HostAllocation(Backend backend, long id, int device, long bytes, long address) {
      super(backend, id, device, bytes);
      this.address = address;
    }

    @Override
    long address() {
      return address;
    }
  }

  private static long addr(Allocation a) {
    return ((HostAllocation) a).address;
  }

  @Override
  Allocation newAllocation(long id, int device, long bytes, boolean zero) {
    long address = 0;
    if (bytes > 0) {
      try {
        address = HostMemory.allocate(bytes);
      } catch (OutOfMemoryError e) {
        OutOfMemoryError oom = new OutOfMemoryError("could not allocate " + bytes + " bytes of off-heap memory for a"
            + " DeviceTensor (" + allocatedBytes() + " bytes already held by live tensors): close tensors you no longer need");
        oom.initCause(e);
        throw oom;
      }
      if (zero) {
        HostMemory.zero(address, bytes);
      }
    }
    return new HostAllocation(this, id, device, bytes, address);
  }

  @Override
  void freeMemory(Allocation a) {
    long address = addr(a);
    if (address != 0) {
      HostMemory.free(address);
    }
  }

  @Override
  void copyFromArray(Object array, Allocation dst, long bytes) {
    HostMemory.copy(array, HostMemory.arrayBase(array), null, addr(dst), bytes);
  }

  @Override
  void copyToArray(Allocation src, Object array, long bytes) {
    HostMemory.copy(null, addr(src), array, HostMemory.arrayBase(array), bytes);
  }

  @Override
  void copy(Allocation src, long srcOffset, Allocation dst, long dstOffset, long bytes) {
    HostMemory.copy(null, addr(src) + srcOffset, null, addr(dst) + dstOffset, bytes);
  }

  @Override
  void synchronize(int device) {
    // Host work is synchronous: it is done when issued.
  }

  @Override
  void recordReady(Allocation a) {
    // Host work is synchronous: everything written is already there.
  }

  @Override
  void awaitReady(Allocation a) {
    // Host work is synchronous: nothing to wait for.
  }

  @Override
  void axpy(DType type, long n, double alpha, Allocation x, Allocation y, Allocation out) {
    long xa = addr(x);
    long ya = addr(y);
    long oa = addr(out);
    if (type == DType.FLOAT32) {
      float a = (float) alpha;
      for (long i = 0; i < n; i++) {
        long off = i * 4;
        HostMemory.putFloat(oa + off, Math.fma(a, HostMemory.getFloat(xa + off), HostMemory.getFloat(ya + off)));
      }
    } else {
      for (long i = 0; i < n; i++) {
        long off = i * 8;
        HostMemory.putDouble(oa + off, Math.fma(alpha, HostMemory.getDouble(xa + off), HostMemory.getDouble(ya + off)));
      }
    }
  }

  @Override
  void add(DType type, long n, Allocation x, long xOffset, Allocation y, long yOffset, Allocation out,
      long outOffset) {
    long xa = addr(x) + xOffset;
    long ya = addr(y) + yOffset;
    long oa = addr(out) + outOffset;
    switch (type) {
      case FLOAT32:
        for (long i = 0; i < n; i++) {
          long off = i * 4;
          HostMemory.putFloat(oa + off, HostMemory.getFloat(xa + off) + HostMemory.getFloat(ya + off));
        }
        break;
      case FLOAT64:
        for (long i = 0; i < n; i++) {
          long off = i * 8;
          HostMemory.putDouble(oa + off, HostMemory.getDouble(xa + off) + HostMemory.getDouble(ya + off));
        }
        break;
      case INT32:
        for (long i = 0; i < n; i++) {
          long off = i * 4;
          HostMemory.putInt(oa + off, HostMemory.getInt(xa + off) + HostMemory.getInt(ya + off));
        }
        break;
      case INT64:
        for (long i = 0; i < n; i++) {
          long off = i * 8;
          HostMemory.putLong(oa + off, HostMemory.getLong(xa + off) + HostMemory.getLong(ya + off));
        }
        break;
      default:
        throw new AssertionError(type);
    }
  }

  @Override
  void matVec(DType type, long rows, long cols, Allocation a, Allocation x, Allocation y) {
    long aa = addr(a);
    long xa = addr(x);
    long ya = addr(y);
    if (type == DType.FLOAT32) {
      for (long r = 0; r < rows; r++) {
        long row = aa + r * cols * 4;
        float acc = 0.0f;
        for (long c = 0; c < cols; c++) {
          acc = Math.fma(HostMemory.getFloat(row + c * 4), HostMemory.getFloat(xa + c * 4), acc);
        }
        HostMemory.putFloat(ya + r * 4, acc);
      }
    } else {
      for (long r = 0; r < rows; r++) {
        long row = aa + r * cols * 8;
        double acc = 0.0;
        for (long c = 0; c < cols; c++) {
          acc = Math.fma(HostMemory.getDouble(row + c * 8), HostMemory.getDouble(xa + c * 8), acc);
        }
        HostMemory.putDouble(ya + r * 8, acc);
      }
    }
  }

  @Override
  byte[] ipcMemHandle(Allocation a) {
    return null;
  }

  @Override
  byte[] ipcEventHandle(Allocation a) {
    return null;
  }

  @Override
  Allocation importFromProcess(int device, long bytes, byte[] memHandle, byte[] eventHandle) {
    throw new IllegalStateException("a DeviceTensor from another process reached a host-backend reader: host-backend"
        + " tensors live in their process's off-heap memory and cannot cross processes. Run both processes on the CUDA"
        + " backend (CUDA IPC), or send a Java array (toFloatArray() and friends) across process boundaries");
  }
}
