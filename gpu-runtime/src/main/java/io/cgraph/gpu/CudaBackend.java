package io.cgraph.gpu;

import static jcuda.driver.JCudaDriver.cuCtxEnablePeerAccess;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceCanAccessPeer;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuIpcCloseMemHandle;
import static jcuda.driver.JCudaDriver.cuIpcGetEventHandle;
import static jcuda.driver.JCudaDriver.cuIpcGetMemHandle;
import static jcuda.driver.JCudaDriver.cuIpcOpenEventHandle;
import static jcuda.driver.JCudaDriver.cuIpcOpenMemHandle;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyPeerAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD8Async;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;
import static jcuda.driver.JCudaDriver.cuStreamWaitEvent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUfunction;
import jcuda.driver.CUipcEventHandle;
import jcuda.driver.CUipcMemHandle;
import jcuda.driver.CUipcMem_flags;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

/**
 * The CUDA backend, on the JCuda driver API.
 *
 * <p>Per device: the primary context (shared with any other CUDA user in the process), one
 * work stream on which every kernel, device-to-device and peer copy for that device is issued (so
 * work on one device is ordered by construction), and the kernels module, loaded lazily from
 * {@code kernels.ptx}. Host copies are synchronous (they synchronise the device's stream first).
 * Each allocation has an event, recorded when a tensor enters a channel; readers on another device
 * or in another process make their stream wait on it ({@code cuStreamWaitEvent}). Peer access is
 * enabled between every pair of devices that supports it; {@code cuMemcpyPeerAsync} works either
 * way (staged through the host where peer access is impossible).
 *
 * <p>Not exercised on GPU hardware by the project's default test run (which has no GPU); the
 * {@code @EnabledIf("io.cgraph.gpu.Gpu#cudaAvailable")} tests run it where one exists.
 */
final class CudaBackend extends Backend {
  private static final int BLOCK = 256;
  private static final int MAX_GRID = 1 << 16;
  private static final String PTX_RESOURCE = "kernels.ptx";

  private final String reason;
  private final CUdevice[] devices;
  private final CUcontext[] contexts;
  private final CUstream[] streams;
  private final String[] names;
  private final CUmodule[] modules;
  private final ConcurrentHashMap<String, CUfunction>[] functions;

  /** Device pointer whose raw address can be read (JCuda keeps it in a protected field). */
  private static final class DevicePointer extends CUdeviceptr {
    long address() {
      return getNativePointer();
    }
  }

  private static final class CudaAllocation extends Allocation {
    final DevicePointer ptr;
    /** Recorded on the device's stream when the tensor enters a channel; created lazily. */
    CUevent event;
    byte[] ipcMem;
    byte[] ipcEvent;

    CudaAllocation(Backend backend, long id, int device, long bytes, DevicePointer ptr) {
      super(backend, id, device, bytes);
      this.ptr = ptr;
    }

    @Override
    long address() {
      return ptr.address();
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private CudaBackend(int count, String reason) {
    this.reason = reason;
    devices = new CUdevice[count];
    contexts = new CUcontext[count];
    streams = new CUstream[count];
    names = new String[count];
    modules = new CUmodule[count];
    functions = new ConcurrentHashMap[count];
    for (int d = 0; d < count; d++) {
      devices[d] = new CUdevice();
      cuDeviceGet(devices[d], d);
      contexts[d] = new CUcontext();
      cuDevicePrimaryCtxRetain(contexts[d], devices[d]);
      cuCtxSetCurrent(contexts[d]);
      streams[d] = new CUstream();
      // A blocking stream: it also orders against the legacy default stream, which the synchronous host copies use.
      cuStreamCreate(streams[d], CUstream_flags.CU_STREAM_DEFAULT);
      byte[] name = new byte[256];
      cuDeviceGetName(name, name.length, devices[d]);
      names[d] = cString(name);
      functions[d] = new ConcurrentHashMap<>();
    }
    for (int a = 0; a < count; a++) {
      for (int b = 0; b < count; b++) {
        if (a == b) {
          continue;
        }
        int[] can = new int[1];
        cuDeviceCanAccessPeer(can, devices[a], devices[b]);
        if (can[0] == 1) {
          cuCtxSetCurrent(contexts[a]);
          try {
            cuCtxEnablePeerAccess(contexts[b], 0);
          } catch (CudaException alreadyEnabled) {
            // CUDA_ERROR_PEER_ACCESS_ALREADY_ENABLED: someone else in this process did it first.
          }
        }
      }
    }
  }

  /**
   * Starts the CUDA backend, or throws whatever the first JCuda call throws (typically
   * {@code UnsatisfiedLinkError} naming {@code libcuda.so.1} when no driver is installed).
   */
  static CudaBackend start() {
    JCudaDriver.setExceptionsEnabled(true);
    cuInit(0);
    int[] count = new int[1];
    cuDeviceGetCount(count);
    if (count[0] == 0) {
      throw new IllegalStateException("the CUDA driver is installed but reports no CUDA devices");
    }
    int[] version = new int[1];
    cuDriverGetVersion(version);
    String reason = "CUDA driver " + version[0] / 1000 + "." + (version[0] % 1000) / 10 + " with " + count[0]
        + " device" + (count[0] == 1 ? "" : "s");
    return new CudaBackend(count[0], reason);
  }

  @Override
  public Kind kind() {
    return Kind.CUDA;
  }

  @Override
  public String reason() {
    return reason;
  }

  @Override
  public int deviceCount() {
    return devices.length;
  }

  @Override
  public String deviceName(int device) {
    checkDevice(device);
    return names[device];
  }

  private static CudaAllocation cuda(Allocation a) {
    return (CudaAllocation) a;
  }

  private void enter(int device) {
    cuCtxSetCurrent(contexts[device]);
  }

  @Override
  Allocation newAllocation(long id, int device, long bytes, boolean zero) {
    enter(device);
    DevicePointer ptr = new DevicePointer();
    if (bytes > 0) {
      try {
        cuMemAlloc(ptr, bytes);
      } catch (CudaException e) {
        throw new IllegalStateException("cuMemAlloc of " + bytes + " bytes on device " + device + " (" + names[device]
            + ") failed: " + e.getMessage() + " (" + allocatedBytes() + " bytes held by live tensors): close tensors you no"
            + " longer need", e);
      }
      if (zero) {
        cuMemsetD8Async(ptr, (byte) 0, bytes, streams[device]);
      }
    }
    return new CudaAllocation(this, id, device, bytes, ptr);
  }

  @Override
  void freeMemory(Allocation a) {
    CudaAllocation c = cuda(a);
    enter(a.device());
    // Work issued on the device's stream may still read this memory: let it finish first.
    cuStreamSynchronize(streams[a.device()]);
    if (c.event != null) {
      cuEventDestroy(c.event);
    }
    if (a.bytes() > 0) {
      cuMemFree(c.ptr);
    }
  }

  private static Pointer hostPointer(Object array) {
    if (array instanceof float[]) {
      return Pointer.to((float[]) array);
    } else if (array instanceof double[]) {
      return Pointer.to((double[]) array);
    } else if (array instanceof int[]) {
      return Pointer.to((int[]) array);
    } else if (array instanceof long[]) {
      return Pointer.to((long[]) array);
    }
    throw new IllegalArgumentException("not a float[], double[], int[] or long[]: " + array.getClass().getName());
  }

  @Override
  void copyFromArray(Object array, Allocation dst, long bytes) {
    if (bytes == 0) {
      return;
    }
    enter(dst.device());
    cuStreamSynchronize(streams[dst.device()]);
    cuMemcpyHtoD(cuda(dst).ptr, hostPointer(array), bytes);
  }

  @Override
  void copyToArray(Allocation src, Object array, long bytes) {
    if (bytes == 0) {
      return;
    }
    enter(src.device());
    cuStreamSynchronize(streams[src.device()]);
    cuMemcpyDtoH(hostPointer(array), cuda(src).ptr, bytes);
  }

  @Override
  void copy(Allocation src, long srcOffset, Allocation dst, long dstOffset, long bytes) {
    if (bytes == 0) {
      return;
    }
    int s = src.device();
    int d = dst.device();
    CUdeviceptr from = cuda(src).ptr.withByteOffset(srcOffset);
    CUdeviceptr to = cuda(dst).ptr.withByteOffset(dstOffset);
    enter(s);
    if (s == d) {
      cuMemcpyDtoDAsync(to, from, bytes, streams[s]);
      return;
    }
    // Issued on the source's stream, so it follows every write of src; the destination's stream
    // then waits for the copy through src's event before any later work on dst.
    cuMemcpyPeerAsync(to, contexts[d], from, contexts[s], bytes, streams[s]);
    CUevent done = event(cuda(src));
    cuEventRecord(done, streams[s]);
    enter(d);
    cuStreamWaitEvent(streams[d], done, 0);
  }

  private CUevent event(CudaAllocation a) {
    synchronized (a) {
      if (a.event == null) {
        enter(a.device());
        CUevent e = new CUevent();
        // Interprocess events must not record timing.
        cuEventCreate(e, CUevent_flags.CU_EVENT_DISABLE_TIMING | CUevent_flags.CU_EVENT_INTERPROCESS);
        a.event = e;
      }
      return a.event;
    }
  }

  @Override
  void recordReady(Allocation a) {
    enter(a.device());
    cuEventRecord(event(cuda(a)), streams[a.device()]);
  }

  @Override
  void awaitReady(Allocation a) {
    CudaAllocation c = cuda(a);
    CUevent e;
    synchronized (c) {
      e = c.event;
    }
    if (e != null) {
      enter(a.device());
      cuStreamWaitEvent(streams[a.device()], e, 0);
    }
  }

  private CUfunction function(int device, String name) {
    CUfunction f = functions[device].get(name);
    if (f != null) {
      return f;
    }
    synchronized (functions[device]) {
      enter(device);
      if (modules[device] == null) {
        CUmodule m = new CUmodule();
        try {
          cuModuleLoadData(m, ptx());
        } catch (CudaException e) {
          throw new IllegalStateException("the driver could not load cgraph's kernels.ptx (PTX ISA 6.0, sm_50) on device "
              + device + " (" + names[device] + "): " + e.getMessage() + "; a driver for CUDA 9.0 or later is needed", e);
        }
        modules[device] = m;
      }
      f = functions[device].get(name);
      if (f == null) {
        f = new CUfunction();
        cuModuleGetFunction(f, modules[device], name);
        functions[device].put(name, f);
      }
      return f;
    }
  }

  private static String ptx() {
    try (InputStream in = CudaBackend.class.getResourceAsStream(PTX_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("io/cgraph/gpu/" + PTX_RESOURCE + " is missing from the classpath: the"
            + " cgraph-gpu-runtime jar is incomplete; rebuild it");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException("could not read io/cgraph/gpu/" + PTX_RESOURCE, e);
    }
  }

  private void launch(int device, String kernel, long n, Pointer... params) {
    if (n == 0) {
      return;
    }
    CUfunction f = function(device, kernel);
    int grid = (int) Math.min((n + BLOCK - 1) / BLOCK, MAX_GRID);
    enter(device);
    cuLaunchKernel(f, grid, 1, 1, BLOCK, 1, 1, 0, streams[device], Pointer.to(params), null);
  }

  private static String suffix(DType type) {
    switch (type) {
      case FLOAT32:
        return "f32";
      case FLOAT64:
        return "f64";
      case INT32:
        return "i32";
      case INT64:
        return "i64";
      default:
        throw new AssertionError(type);
    }
  }

  @Override
  void axpy(DType type, long n, double alpha, Allocation x, Allocation y, Allocation out) {
    Pointer a = type == DType.FLOAT32 ? Pointer.to(new float[] {(float) alpha}) : Pointer.to(new double[] {alpha});
    launch(out.device(), "cgraph_axpy_" + suffix(type), n, Pointer.to(new long[] {n}), a,
        Pointer.to(cuda(x).ptr), Pointer.to(cuda(y).ptr), Pointer.to(cuda(out).ptr));
  }

  @Override
  void add(DType type, long n, Allocation x, long xOffset, Allocation y, long yOffset, Allocation out,
      long outOffset) {
    launch(out.device(), "cgraph_add_" + suffix(type), n, Pointer.to(new long[] {n}),
        Pointer.to(cuda(x).ptr.withByteOffset(xOffset)), Pointer.to(cuda(y).ptr.withByteOffset(yOffset)),
        Pointer.to(cuda(out).ptr.withByteOffset(outOffset)));
  }

  @Override
  void synchronize(int device) {
    enter(device);
    cuStreamSynchronize(streams[device]);
  }

  @Override
  void matVec(DType type, long rows, long cols, Allocation a, Allocation x, Allocation y) {
    launch(y.device(), "cgraph_matvec_" + suffix(type), rows, Pointer.to(new long[] {rows}), Pointer.to(new long[] {cols}),
        Pointer.to(cuda(a).ptr), Pointer.to(cuda(x).ptr), Pointer.to(cuda(y).ptr));
  }

  @Override
  byte[] ipcMemHandle(Allocation a) {
    if (a.bytes() == 0) {
      return null;
    }
    CudaAllocation c = cuda(a);
    synchronized (c) {
      if (c.ipcMem == null) {
        enter(a.device());
        CUipcMemHandle h = new CUipcMemHandle();
        cuIpcGetMemHandle(h, c.ptr);
        c.ipcMem = IpcBytes.get(h);
      }
      return c.ipcMem;
    }
  }

  @Override
  byte[] ipcEventHandle(Allocation a) {
    CudaAllocation c = cuda(a);
    CUevent e = event(c);
    synchronized (c) {
      if (c.ipcEvent == null) {
        enter(a.device());
        CUipcEventHandle h = new CUipcEventHandle();
        cuIpcGetEventHandle(h, e);
        c.ipcEvent = IpcBytes.get(h);
      }
      return c.ipcEvent;
    }
  }

  @Override
  Allocation importFromProcess(int device, long bytes, byte[] memHandle, byte[] eventHandle) {
    checkDevice(device);
    Allocation local = allocate(device, bytes, false);
    if (bytes == 0) {
      return local;
    }
    if (memHandle == null) {
      local.release();
      throw new IllegalStateException("the writing process sent no CUDA IPC handle for a " + bytes + "-byte tensor;"
          + " it cannot be opened here");
    }
    try {
      enter(device);
      if (eventHandle != null) {
        CUipcEventHandle eh = new CUipcEventHandle();
        IpcBytes.set(eh, eventHandle);
        CUevent e = new CUevent();
        cuIpcOpenEventHandle(e, eh);
        cuStreamWaitEvent(streams[device], e, 0);
        cuEventDestroy(e);
      }
      CUipcMemHandle mh = new CUipcMemHandle();
      IpcBytes.set(mh, memHandle);
      DevicePointer remote = new DevicePointer();
      cuIpcOpenMemHandle(remote, mh, CUipcMem_flags.CU_IPC_MEM_LAZY_ENABLE_PEER_ACCESS);
      try {
        cuMemcpyDtoDAsync(cuda(local).ptr, remote, bytes, streams[device]);
        cuStreamSynchronize(streams[device]);
      } finally {
        cuIpcCloseMemHandle(remote);
      }
      return local;
    } catch (RuntimeException | Error e) {
      local.release();
      throw e;
    }
  }

  private static String cString(byte[] bytes) {
    int n = 0;
    while (n < bytes.length && bytes[n] != 0) {
      n++;
    }
    return new String(bytes, 0, n, StandardCharsets.US_ASCII);
  }

  /** The 64 bytes of a CUDA IPC handle: JCuda keeps them in a private {@code reserved} field. */
  private static final class IpcBytes {
    private static final Field MEM = field(CUipcMemHandle.class);
    private static final Field EVENT = field(CUipcEventHandle.class);

    private static Field field(Class<?> type) {
      try {
        Field f = type.getDeclaredField("reserved");
        f.setAccessible(true);
        return f;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("this JCuda version has no " + type.getSimpleName() + ".reserved field;"
            + " cgraph needs JCuda 12.0.0", e);
      }
    }

    static byte[] get(Object handle) {
      try {
        return ((byte[]) (handle instanceof CUipcMemHandle ? MEM : EVENT).get(handle)).clone();
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    static void set(Object handle, byte[] bytes) {
      try {
        byte[] target = (byte[]) (handle instanceof CUipcMemHandle ? MEM : EVENT).get(handle);
        if (bytes.length != target.length) {
          throw new IllegalStateException("malformed tensor descriptor: a CUDA IPC handle has " + bytes.length
              + " bytes, expected " + target.length);
        }
        System.arraycopy(bytes, 0, target, 0, bytes.length);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
