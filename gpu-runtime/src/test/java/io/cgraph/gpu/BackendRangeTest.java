package io.cgraph.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backend's copies and adds between byte offsets, on one device and across two (a peer copy),
 * which the in-place tensor collectives build on: bit for bit against Java. On every backend (the
 * host backend here has two simulated devices; on CUDA, the last device and device 0).
 */
class BackendRangeTest {
  private long baseline;

  @BeforeEach
  void recordBaseline() {
    baseline = Gpu.backend().allocatedBytes();
  }

  @AfterEach
  void nothingLeaked() {
    assertEquals(baseline, Gpu.backend().allocatedBytes());
  }

  @Test
  void aRangeCopiesToAnOffsetOnTheSameAndAnotherDevice() {
    Backend b = Gpu.backend();
    int other = Gpu.deviceCount() - 1;
    float[] x = Data.finiteFloats(1000, 11);
    try (DeviceTensor src = Gpu.tensor(0, x); DeviceTensor same = Gpu.allocate(0, DType.FLOAT32, 1000);
        DeviceTensor far = Gpu.allocate(other, DType.FLOAT32, 1000)) {
      b.copy(src.memory(), 4L * 100, same.memory(), 4L * 700, 4L * 300); // x[100, 400) to [700, 1000)
      b.copy(src.memory(), 0, far.memory(), 4L * 10, 4L * 5); // x[0, 5) to [10, 15) on the other device
      b.synchronize(0);
      b.synchronize(other);
      float[] want = new float[1000];
      System.arraycopy(x, 100, want, 700, 300);
      assertArrayEquals(Data.rawBits(want), Data.rawBits(same.toFloatArray()));
      float[] wantFar = new float[1000];
      System.arraycopy(x, 0, wantFar, 10, 5);
      assertArrayEquals(Data.rawBits(wantFar), Data.rawBits(far.toFloatArray()));
    }
  }

  @Test
  void anAddBetweenOffsetsWritesOnlyItsRange() {
    Backend b = Gpu.backend();
    float[] x = Data.finiteFloats(600, 12);
    float[] y = Data.finiteFloats(600, 13);
    long[] lx = new long[300];
    long[] ly = new long[300];
    for (int i = 0; i < 300; i++) {
      lx[i] = Long.MAX_VALUE - i;
      ly[i] = i * 7L;
    }
    try (DeviceTensor tx = Gpu.tensor(0, x); DeviceTensor ty = Gpu.tensor(0, y);
        DeviceTensor acc = Gpu.tensor(0, x.clone()); DeviceTensor ax = Gpu.tensor(0, lx);
        DeviceTensor ay = Gpu.tensor(0, ly)) {
      // acc[200, 457) = acc[200, 457) + y[10, 267): in place, as a collective accumulates its chunk
      b.add(DType.FLOAT32, 257, acc.memory(), 4L * 200, ty.memory(), 4L * 10, acc.memory(), 4L * 200);
      // ay[1, 300) = ax[0, 299) + ay[1, 300), wrapping as Java's + does
      b.add(DType.INT64, 299, ax.memory(), 0, ay.memory(), 8, ay.memory(), 8);
      b.synchronize(0);
      float[] want = x.clone();
      for (int i = 0; i < 257; i++) {
        want[200 + i] = x[200 + i] + y[10 + i];
      }
      assertArrayEquals(Data.rawBits(want), Data.rawBits(acc.toFloatArray()));
      assertArrayEquals(Data.rawBits(x), Data.rawBits(tx.toFloatArray()), "the operand is not modified");
      long[] wantLongs = ly.clone();
      for (int i = 0; i < 299; i++) {
        wantLongs[i + 1] = lx[i] + ly[i + 1];
      }
      assertArrayEquals(wantLongs, ay.toLongArray());
    }
  }
}
