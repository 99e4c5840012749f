package io.cgraph.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tensors on whichever backend this JVM runs (the host backend on machines without a GPU, the CUDA
 * backend where a driver and device exist): the same cases prove the same semantics on both.
 */
class DeviceTensorTest {
  private static final int MIB_64 = 64 << 20;

  private long baseline;

  @BeforeEach
  void recordBaseline() {
    baseline = Gpu.backend().allocatedBytes();
  }

  @AfterEach
  void nothingLeaked() {
    assertEquals(baseline, Gpu.backend().allocatedBytes(), "bytes still allocated after the test closed its tensors");
  }

  @ParameterizedTest(name = "{0} elements")
  @ValueSource(ints = {1, 2, 3, 1000, 65_537})
  void floatsRoundTripBitExact(int n) {
    float[] data = Data.floats(n, n);
    try (DeviceTensor t = Gpu.tensor(data)) {
      assertEquals(DType.FLOAT32, t.dtype());
      assertArrayEquals(new long[] {n}, t.shape());
      assertEquals(4L * n, t.byteSize());
      assertEquals(4L * n, Gpu.backend().allocatedBytes() - baseline);
      assertArrayEquals(Data.rawBits(data), Data.rawBits(t.toFloatArray()));
    }
  }

  @ParameterizedTest(name = "{0} elements")
  @ValueSource(ints = {1, 2, 3, 1000, 65_537})
  void doublesRoundTripBitExact(int n) {
    double[] data = Data.doubles(n, n);
    try (DeviceTensor t = Gpu.tensor(data)) {
      assertEquals(DType.FLOAT64, t.dtype());
      assertArrayEquals(Data.rawBits(data), Data.rawBits(t.toDoubleArray()));
    }
  }

  @ParameterizedTest(name = "{0} elements")
  @ValueSource(ints = {1, 2, 3, 1000, 65_537})
  void intsRoundTrip(int n) {
    int[] data = Data.ints(n, n);
    try (DeviceTensor t = Gpu.tensor(data)) {
      assertEquals(DType.INT32, t.dtype());
      assertArrayEquals(data, t.toIntArray());
    }
  }

  @ParameterizedTest(name = "{0} elements")
  @ValueSource(ints = {1, 2, 3, 1000, 65_537})
  void longsRoundTrip(int n) {
    long[] data = Data.longs(n, n);
    try (DeviceTensor t = Gpu.tensor(data)) {
      assertEquals(DType.INT64, t.dtype());
      assertArrayEquals(data, t.toLongArray());
    }
  }

  /** 64 MiB of every dtype, written with copyFrom and read back with copyTo, once each. */
  @ParameterizedTest
  @EnumSource(DType.class)
  void sixtyFourMebibytesRoundTrip(DType dtype) {
    int n = MIB_64 / dtype.byteSize();
    try (DeviceTensor t = Gpu.allocate(dtype, n)) {
      assertEquals(MIB_64, t.byteSize());
      assertEquals(MIB_64, Gpu.backend().allocatedBytes() - baseline);
      switch (dtype) {
        case FLOAT32: {
          float[] in = Data.floats(n, 64);
          t.copyFrom(in);
          float[] out = new float[n];
          t.copyTo(out);
          assertArrayEquals(Data.rawBits(in), Data.rawBits(out));
          break;
        }
        case FLOAT64: {
          double[] in = Data.doubles(n, 64);
          t.copyFrom(in);
          double[] out = new double[n];
          t.copyTo(out);
          assertArrayEquals(Data.rawBits(in), Data.rawBits(out));
          break;
        }
        case INT32: {
          int[] in = Data.ints(n, 64);
          t.copyFrom(in);
          int[] out = new int[n];
          t.copyTo(out);
          assertArrayEquals(in, out);
          break;
        }
        case INT64: {
          long[] in = Data.longs(n, 64);
          t.copyFrom(in);
          long[] out = new long[n];
          t.copyTo(out);
          assertArrayEquals(in, out);
          break;
        }
        default:
          throw new AssertionError(dtype);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void allocateIsZeroFilledAndShaped(DType dtype) {
    try (DeviceTensor t = Gpu.allocate(dtype, 3, 4)) {
      assertEquals(dtype, t.dtype());
      assertArrayEquals(new long[] {3, 4}, t.shape());
      assertEquals(2, t.rank());
      assertEquals(12, t.elementCount());
      assertEquals(12L * dtype.byteSize(), t.byteSize());
      assertEquals(0, t.device());
      switch (dtype) {
        case FLOAT32:
          assertArrayEquals(new int[12], Data.rawBits(t.toFloatArray()));
          break;
        case FLOAT64:
          assertArrayEquals(new long[12], Data.rawBits(t.toDoubleArray()));
          break;
        case INT32:
          assertArrayEquals(new int[12], t.toIntArray());
          break;
        case INT64:
          assertArrayEquals(new long[12], t.toLongArray());
          break;
        default:
          throw new AssertionError(dtype);
      }
    }
  }

  @Test
  void scalarAndEmptyShapes() {
    try (DeviceTensor scalar = Gpu.allocate(DType.FLOAT64);
         DeviceTensor empty = Gpu.allocate(DType.INT32, 0, 5)) {
      scalar.copyFrom(new double[] {2.5});
      assertEquals(0, scalar.rank());
      assertEquals(1, scalar.elementCount());
      assertArrayEquals(new double[] {2.5}, scalar.toDoubleArray());
      assertEquals(0, empty.elementCount());
      assertEquals(0, empty.byteSize());
      assertArrayEquals(new int[0], empty.toIntArray());
    }
  }

  @Test
  void explicitShapeMustMatchTheArray() {
    try (DeviceTensor t = Gpu.tensor(new float[6], 2, 3)) {
      assertArrayEquals(new long[] {2, 3}, t.shape());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gpu.tensor(new float[6], 4, 2));
    assertEquals("shape [4, 2] holds 8 elements but the array has 6: pass a shape whose dimensions multiply to the"
        + " array length", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Gpu.allocate(DType.FLOAT32, 2, -1));
  }

  @Test
  void wrongDtypeOrLengthIsRejected() {
    try (DeviceTensor t = Gpu.tensor(new int[] {1, 2, 3})) {
      IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> t.copyFrom(new float[3]));
      assertTrue(type.getMessage().startsWith("copyFrom(float[]) needs a FLOAT32 tensor, but DeviceTensor(INT32[3] on "),
          type.getMessage());
      assertTrue(type.getMessage().endsWith(" is INT32: use the int[] overload"), type.getMessage());
      assertThrows(IllegalArgumentException.class, t::toDoubleArray);
      IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> t.copyTo(new int[4]));
      assertTrue(length.getMessage().startsWith("copyTo: the array has 4 elements but DeviceTensor(INT32[3]"),
          length.getMessage());
      assertArrayEquals(new int[] {1, 2, 3}, t.toIntArray(), "a rejected call must not change the data");
    }
  }

  @Test
  void everyMethodFailsAfterCloseAndCloseIsIdempotent() {
    DeviceTensor t = Gpu.tensor(new float[] {1, 2});
    assertTrue(t.isOpen());
    t.close();
    t.close();
    assertFalse(t.isOpen());
    assertEquals(baseline, Gpu.backend().allocatedBytes());
    List<Consumer<DeviceTensor>> uses = List.of(DeviceTensor::dtype, DeviceTensor::shape, DeviceTensor::rank,
        DeviceTensor::elementCount, DeviceTensor::byteSize, DeviceTensor::device, DeviceTensor::toFloatArray,
        x -> x.copyFrom(new float[2]), x -> x.copyTo(new float[2]), DeviceTensor::copy, x -> x.copyToDevice(0),
        x -> x.reshape(2, 1), x -> Kernels.add(x, x));
    for (Consumer<DeviceTensor> use : uses) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> use.accept(t));
      assertTrue(e.getMessage().endsWith(" is closed: it cannot be used after close(). Keep it open until you are done"
          + " with it, or copy() it first"), e.getMessage());
    }
    assertTrue(t.toString().endsWith(", closed)"), t.toString());
  }

  @Test
  void copyIsIndependent() {
    try (DeviceTensor a = Gpu.tensor(new long[] {1, 2, 3});
         DeviceTensor b = a.copy()) {
      assertEquals(48, Gpu.backend().allocatedBytes() - baseline);
      b.copyFrom(new long[] {7, 8, 9});
      assertArrayEquals(new long[] {1, 2, 3}, a.toLongArray());
      assertArrayEquals(new long[] {7, 8, 9}, b.toLongArray());
    }
  }

  @Test
  void reshapeSharesMemoryUntilBothAreClosed() {
    DeviceTensor a = Gpu.tensor(new float[] {1, 2, 3, 4, 5, 6});
    DeviceTensor m = a.reshape(2, 3);
    assertEquals(24, Gpu.backend().allocatedBytes() - baseline, "a reshape must not copy");
    assertArrayEquals(new long[] {2, 3}, m.shape());
    IllegalStateException shared = assertThrows(IllegalStateException.class, () -> m.copyFrom(new float[6]));
    assertTrue(shared.getMessage().contains("shares its memory with 1 other handle(s)"), shared.getMessage());
    assertThrows(IllegalArgumentException.class, () -> a.reshape(4, 2));
    a.close();
    assertEquals(24, Gpu.backend().allocatedBytes() - baseline, "the reshaped handle still holds the memory");
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, m.toFloatArray());
    m.copyFrom(new float[] {6, 5, 4, 3, 2, 1});   // sole owner now: writing is allowed
    assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1}, m.toFloatArray());
    m.close();
  }

  @Test
  void peerCopyToAnotherDevice() {
    assumeTrue(Gpu.deviceCount() >= 2, () -> "needs two devices; " + Gpu.backend() + " has " + Gpu.deviceCount());
    double[] data = Data.doubles(10_000, 5);
    try (DeviceTensor a = Gpu.tensor(0, data);
         DeviceTensor b = a.copyToDevice(1)) {
      assertEquals(0, a.device());
      assertEquals(1, b.device());
      assertArrayEquals(Data.rawBits(data), Data.rawBits(b.toDoubleArray()));
      try (DeviceTensor back = b.copyToDevice(0)) {
        assertArrayEquals(Data.rawBits(data), Data.rawBits(back.toDoubleArray()));
      }
    }
  }

  @Test
  void deviceOutOfRangeSaysWhichExist() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Gpu.allocate(Gpu.deviceCount(), DType.FLOAT32, 1));
    assertTrue(e.getMessage().startsWith("device " + Gpu.deviceCount() + " does not exist: the "), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Gpu.useDevice(-1));
  }

  @Test
  void useDevicePlacesNewTensors() {
    assumeTrue(Gpu.deviceCount() >= 2, "needs two devices");
    Gpu.useDevice(1);
    try (DeviceTensor t = Gpu.tensor(new int[] {4})) {
      assertEquals(1, Gpu.currentDevice());
      assertEquals(1, t.device());
    } finally {
      Gpu.clearDevice();
    }
    assertEquals(0, Gpu.currentDevice());
  }

  @Test
  void liveAllocationsAreCounted() {
    int before = Gpu.backend().liveAllocations();
    DeviceTensor a = Gpu.allocate(DType.INT64, 4);
    DeviceTensor b = Gpu.allocate(DType.INT64, 4);
    assertEquals(before + 2, Gpu.backend().liveAllocations());
    a.close();
    b.close();
    assertEquals(before, Gpu.backend().liveAllocations());
    assertNotEquals("", Gpu.backend().deviceName(0));
  }
}
