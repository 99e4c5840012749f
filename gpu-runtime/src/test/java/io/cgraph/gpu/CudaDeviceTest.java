package io.cgraph.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a GPU can show: the CUDA backend itself, stream/event ordering across threads and
 * devices, and CUDA IPC to another process. (Every case of {@link DeviceTensorTest}, {@link
 * KernelsTest} and {@link DeviceTensorCodecTest} also runs on the device when the backend is CUDA.)
 * Skipped, with the reason printed, where no CUDA device exists.
 */
class CudaDeviceTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private long baseline;
  private Slot slot;

  @BeforeAll
  static void needsCuda() {
    if (!Gpu.cudaAvailable()) {
      System.out.println("[cgraph-gpu] CudaDeviceTest skipped: the " + Gpu.backend());
    }
    assumeTrue(Gpu.cudaAvailable(), () -> "no CUDA device: " + Gpu.backend());
  }

  @BeforeEach
  void setUp() {
    baseline = Gpu.backend().allocatedBytes();
    slot = new Slot(4096);
  }

  @AfterEach
  void nothingLeaked() {
    slot.close();
    assertEquals(baseline, Gpu.backend().allocatedBytes());
  }

  @Test
  void theCudaBackendRuns() {
    assertEquals(Backend.Kind.CUDA, Gpu.backend().kind());
    assertTrue(Gpu.backend().reason().startsWith("CUDA driver "), Gpu.backend().reason());
    System.out.println("[cgraph-gpu] " + Gpu.backend() + "; device 0: " + Gpu.backend().deviceName(0));
  }

  /** A large kernel's result crosses to another thread through the codec and is read there, ordered by the event. */
  @Test
  void aKernelResultIsCompleteWhenAnotherThreadReadsIt() throws Exception {
    int n = 16 << 20;
    float[] x = Data.finiteFloats(n, 21);
    float[] y = Data.finiteFloats(n, 22);
    float[] want = new float[n];
    for (int i = 0; i < n; i++) {
      want[i] = Math.fma(3f, x[i], y[i]);
    }
    try (DeviceTensor tx = Gpu.tensor(x); DeviceTensor ty = Gpu.tensor(y)) {
      DeviceTensorCodec.write(slot.begin(), Kernels.axpy(3, tx, ty));   // asynchronous on the device
    }
    var r = slot.publish();
    ExecutorService reader = Executors.newSingleThreadExecutor(task -> new Thread(task, "cgraph-test-reader"));
    try {
      float[] got = assertTimeoutPreemptively(LIMIT, () -> reader.submit(() -> {
        try (DeviceTensor t = DeviceTensorCodec.read(r)) {
          return t.toFloatArray();
        }
      }).get());
      assertArrayEquals(Data.rawBits(want), Data.rawBits(got));
    } finally {
      reader.shutdownNow();
    }
  }

  @Test
  void peerCopyBetweenTwoGpusThroughTheCodec() throws Exception {
    assumeTrue(Gpu.deviceCount() >= 2, () -> "needs two GPUs; this machine has " + Gpu.deviceCount());
    int n = 8 << 20;
    float[] x = Data.finiteFloats(n, 23);
    try (DeviceTensor t = Gpu.tensor(0, x); DeviceTensor zeros = Gpu.tensor(0, new float[n])) {
      DeviceTensorCodec.write(slot.begin(), Kernels.axpy(1, t, zeros));   // in flight on device 0
    }
    var r = slot.publish();
    ExecutorService reader = Executors.newSingleThreadExecutor(task -> new Thread(task, "cgraph-test-reader"));
    try {
      float[] got = assertTimeoutPreemptively(LIMIT, () -> reader.submit(() -> {
        Gpu.useDevice(1);
        try (DeviceTensor onOne = DeviceTensorCodec.read(r)) {
          assertEquals(1, onOne.device());
          return onOne.toFloatArray();
        }
      }).get());
      assertArrayEquals(Data.rawBits(x), Data.rawBits(got));
    } finally {
      reader.shutdownNow();
    }
  }

  @Test
  void anotherProcessReadsThroughCudaIpc(@TempDir Path dir) throws Exception {
    float[] data = Data.finiteFloats(1000, 24);
    DeviceTensorCodec.write(slot.begin(), Gpu.tensor(data, 10, 100));
    slot.publish();
    String out = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> ChildProcess.run(slot.bytes(), dir));
    StringBuilder want = new StringBuilder("OK FLOAT32 [10,100]");
    for (int bits : Data.rawBits(data)) {
      want.append(' ').append(Integer.toHexString(bits));
    }
    assertTrue(out.contains(want), out);
    assertTrue(out.contains("allocatedBytes 0"), "the child freed its copy: " + out);
    // The child copied the data into its own memory; the writer still holds its transit until released.
    assertEquals(1, DeviceTensorCodec.releaseUnread(slot.writer));
  }
}
