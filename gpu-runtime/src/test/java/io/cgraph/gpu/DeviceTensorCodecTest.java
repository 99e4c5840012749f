package io.cgraph.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cgraph.runtime.internal.SlotReader;
import io.cgraph.runtime.internal.SlotWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tensors crossing channel slots through {@link DeviceTensorCodec}: descriptors, moves, ownership, leaks. */
class DeviceTensorCodecTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private long baseline;
  private int transitBaseline;
  private Slot slot;

  @BeforeEach
  void setUp() {
    baseline = Gpu.backend().allocatedBytes();
    transitBaseline = DeviceTensorCodec.inTransit();
    slot = new Slot(4096);
  }

  @AfterEach
  void nothingLeaked() {
    slot.close();
    assertEquals(transitBaseline, DeviceTensorCodec.inTransit(), "tensors left in transit");
    assertEquals(baseline, Gpu.backend().allocatedBytes(), "bytes still allocated");
  }

  private long allocated() {
    return Gpu.backend().allocatedBytes() - baseline;
  }

  @Test
  void nullCrossesBothWays() {
    DeviceTensorCodec.write(slot.begin(), null);
    assertNull(DeviceTensorCodec.read(slot.publish()));
    assertEquals(1, slot.bytes().length, "null is one presence byte");
  }

  @Test
  void sameDeviceHandOffMovesWithoutCopying() {
    float[] data = Data.floats(1000, 1);
    DeviceTensor written = Gpu.tensor(data, 10, 100);
    DeviceTensorCodec.write(slot.begin(), written);
    SlotReader r = slot.publish();

    assertFalse(written.isOpen(), "the writer's handle is moved");
    assertEquals(4000, allocated(), "no copy was made");
    assertEquals(transitBaseline + 1, DeviceTensorCodec.inTransit());
    IllegalStateException moved = assertThrows(IllegalStateException.class, written::toFloatArray);
    assertTrue(moved.getMessage().contains(" was moved into a channel when it crossed a graph edge"), moved.getMessage());
    written.close();   // a no-op on a moved handle
    assertEquals(4000, allocated());

    try (DeviceTensor read = DeviceTensorCodec.read(r)) {
      assertEquals(transitBaseline, DeviceTensorCodec.inTransit(), "the only reader took it");
      assertEquals(4000, allocated(), "still no copy");
      assertEquals(DType.FLOAT32, read.dtype());
      assertArrayEquals(new long[] {10, 100}, read.shape());
      assertEquals(0, read.device());
      assertArrayEquals(Data.rawBits(data), Data.rawBits(read.toFloatArray()));
      read.copyFrom(new float[1000]);   // the reader is the sole owner: it may write
    }
    assertEquals(0, allocated(), "the reader's close freed it");
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void everyDtypeCrosses(DType dtype) {
    try (DeviceTensor src = Gpu.allocate(dtype, 2, 3, 4)) {
      DeviceTensor sent = src.copy();
      DeviceTensorCodec.write(slot.begin(), sent);
      try (DeviceTensor got = DeviceTensorCodec.read(slot.publish())) {
        assertEquals(dtype, got.dtype());
        assertArrayEquals(new long[] {2, 3, 4}, got.shape());
        assertEquals(24L * dtype.byteSize(), got.byteSize());
      }
    }
  }

  @Test
  void fanOutReadersShareOneAllocation() {
    slot.writer.fanOut(2); // as a channel with two readers sets it
    DeviceTensorCodec.write(slot.begin(), Gpu.tensor(new long[] {5, 6, 7}));
    slot.publish();
    DeviceTensor first = DeviceTensorCodec.read(slot.read());
    assertEquals(transitBaseline + 1, DeviceTensorCodec.inTransit(), "one reader still to come");
    DeviceTensor second = DeviceTensorCodec.read(slot.read());
    assertEquals(transitBaseline, DeviceTensorCodec.inTransit());
    assertEquals(24, allocated(), "both readers share the writer's memory");
    assertArrayEquals(new long[] {5, 6, 7}, first.toLongArray());
    assertArrayEquals(new long[] {5, 6, 7}, second.toLongArray());
    IllegalStateException shared = assertThrows(IllegalStateException.class, () -> first.copyFrom(new long[3]));
    assertTrue(shared.getMessage().contains("shares its memory with 1 other handle(s)"), shared.getMessage());

    IllegalStateException third = assertThrows(IllegalStateException.class, () -> DeviceTensorCodec.read(slot.read()));
    assertTrue(third.getMessage().contains("is no longer in transit"), third.getMessage());

    first.close();
    assertEquals(24, allocated(), "the second reader still holds it");
    second.close();
    assertEquals(0, allocated());
  }

  @Test
  void aSecondReadOfOneReaderIsToldWhy() {
    DeviceTensorCodec.write(slot.begin(), Gpu.tensor(new int[] {1}));
    slot.publish();
    DeviceTensorCodec.read(slot.read()).close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> DeviceTensorCodec.read(slot.read()));
    assertTrue(e.getMessage().endsWith("is no longer in transit: every reader of its channel has already taken it (a"
        + " tensor is read once per reading call), or its graph was closed"), e.getMessage());
  }

  @Test
  void unreadTensorsAreReleasedPerWriter() {
    try (Slot other = new Slot(4096)) {
      for (int i = 0; i < 3; i++) {
        DeviceTensorCodec.write(slot.begin(), Gpu.allocate(DType.FLOAT64, 128));
        slot.publish();
      }
      DeviceTensorCodec.write(other.begin(), Gpu.allocate(DType.INT32, 8));
      SlotReader otherReader = other.publish();
      assertEquals(3 * 1024 + 32, allocated());
      assertEquals(3, DeviceTensorCodec.releaseUnread(slot.writer));
      assertEquals(32, allocated(), "only the tensors written through that writer were released");
      assertThrows(IllegalStateException.class, () -> DeviceTensorCodec.read(slot.read()));
      DeviceTensorCodec.read(otherReader).close();
      assertEquals(0, DeviceTensorCodec.releaseUnread(slot.writer));
    }
  }

  @Test
  void theLastGraphLeaseReleasesEverythingInTransit() {
    DeviceTensorCodec.Lease a = DeviceTensorCodec.openGraph();
    DeviceTensorCodec.Lease b = DeviceTensorCodec.openGraph();
    DeviceTensorCodec.write(slot.begin(), Gpu.allocate(DType.FLOAT32, 256));
    slot.publish();
    a.close();
    a.close();   // idempotent: must not count twice
    assertEquals(1024, allocated(), "another graph is still open");
    b.close();
    assertEquals(0, allocated(), "closing the last graph released the unread tensor");
  }

  @Test
  void aClosedTensorCannotCrossAndNothingIsWritten() {
    DeviceTensor t = Gpu.tensor(new float[] {1});
    t.close();
    SlotWriter w = slot.begin();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> DeviceTensorCodec.write(w, t));
    assertTrue(e.getMessage().endsWith(" cannot cross a graph edge: it was closed. An actor must not close (or return"
        + " twice) a tensor it returns; return copy() if it keeps one too"), e.getMessage());
    assertEquals(0, w.length());
  }

  @Test
  void aTensorCannotBeReturnedTwice() {
    DeviceTensor t = Gpu.tensor(new float[] {1});
    DeviceTensorCodec.write(slot.begin(), t);
    slot.publish();
    try (Slot second = new Slot(4096)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> DeviceTensorCodec.write(second.begin(), t));
      assertTrue(e.getMessage().contains("it was already moved into a channel"), e.getMessage());
    }
    DeviceTensorCodec.read(slot.read()).close();
  }

  @Test
  void aMalformedDescriptorIsReported() {
    SlotWriter w = slot.begin();
    w.writePresent(true);
    w.writeInt(0xBAD);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> DeviceTensorCodec.read(slot.publish()));
    assertEquals("malformed tensor descriptor: header 0xbad is not 0x43475431 (writer and reader disagree on the message"
        + " layout, or run different versions of cgraph-gpu-runtime)", e.getMessage());
  }

  @Test
  void aReaderBoundToAnotherDeviceGetsAPeerCopy() throws Exception {
    assumeTrue(Gpu.deviceCount() >= 2, () -> "needs two devices; " + Gpu.backend() + " has " + Gpu.deviceCount());
    double[] data = Data.doubles(4096, 9);
    DeviceTensorCodec.write(slot.begin(), Gpu.tensor(0, data));
    SlotReader r = slot.publish();
    ExecutorService reader = Executors.newSingleThreadExecutor(task -> new Thread(task, "cgraph-test-reader"));
    try {
      DeviceTensor got = assertTimeoutPreemptively(LIMIT, () -> reader.submit(() -> {
        Gpu.useDevice(1);
        return DeviceTensorCodec.read(r);
      }).get());
      try (got) {
        assertEquals(1, got.device());
        assertEquals(4096 * 8, allocated(), "the device-0 original was freed after the peer copy");
        assertArrayEquals(Data.rawBits(data), Data.rawBits(got.toDoubleArray()));
      }
    } finally {
      reader.shutdownNow();
    }
  }

  /**
   * Three stages on three threads, like a driver and two actors: the driver sends tensors, the
   * "actor" reads each, computes on it, closes its input and returns a new tensor, and the driver
   * reads the results, checks them and closes them. Nothing may be left over.
   */
  @Test
  void tensorsFlowThroughAPipelineOfThreads() {
    int executions = 200;
    int n = 1000;
    BlockingQueue<Slot> toActor = new ArrayBlockingQueue<>(8);
    BlockingQueue<Slot> toDriver = new ArrayBlockingQueue<>(8);
    ExecutorService threads = Executors.newFixedThreadPool(2, task -> new Thread(task, "cgraph-test-stage"));
    try {
      assertTimeoutPreemptively(LIMIT, () -> {
        Future<?> driver = threads.submit(() -> {
          for (int i = 0; i < executions; i++) {
            Slot s = new Slot(512);
            float[] x = new float[n];
            java.util.Arrays.fill(x, i);
            DeviceTensorCodec.write(s.begin(), Gpu.tensor(x));
            s.publish();
            toActor.put(s);
          }
          return null;
        });
        Future<?> actor = threads.submit(() -> {
          try (DeviceTensor ones = Gpu.tensor(filled(n, 1f))) {
            for (int i = 0; i < executions; i++) {
              Slot in = toActor.take();
              DeviceTensor result;
              try (DeviceTensor x = DeviceTensorCodec.read(in.read())) {
                result = Kernels.axpy(2, x, ones);   // 2 * i + 1
              }
              in.close();
              Slot out = new Slot(512);
              DeviceTensorCodec.write(out.begin(), result);
              out.publish();
              toDriver.put(out);
            }
          }
          return null;
        });
        for (int i = 0; i < executions; i++) {
          Slot s = toDriver.take();
          try (DeviceTensor y = DeviceTensorCodec.read(s.read())) {
            assertArrayEquals(filled(n, 2f * i + 1), y.toFloatArray());
          }
          s.close();
        }
        driver.get();
        actor.get();
      });
    } finally {
      threads.shutdownNow();
    }
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  @Test
  void anotherProcessOnTheHostBackendIsRefusedClearly(@TempDir Path dir) throws Exception {
    assumeFalse(Gpu.cudaAvailable(), "on CUDA the cross-process case is CudaDeviceTest.ipc...");
    DeviceTensorCodec.write(slot.begin(), Gpu.tensor(new float[] {1, 2}));
    slot.publish();
    String out = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> ChildProcess.run(slot.bytes(), dir));
    assertTrue(out.contains("ERROR a DeviceTensor written by process " + ProcessHandle.current().pid() + " on its host"
        + " backend reached process "), out);
    assertTrue(out.contains("allocatedBytes 0"), out);
    assertEquals(1, DeviceTensorCodec.releaseUnread(slot.writer), "the writer still holds what nobody read");
  }
}
