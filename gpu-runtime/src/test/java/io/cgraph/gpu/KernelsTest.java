package io.cgraph.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The kernels against plain Java references computed the documented way: bit for bit. */
class KernelsTest {
  private long baseline;

  @BeforeEach
  void recordBaseline() {
    baseline = Gpu.backend().allocatedBytes();
  }

  @AfterEach
  void nothingLeaked() {
    assertEquals(baseline, Gpu.backend().allocatedBytes());
  }

  @ParameterizedTest(name = "{0} elements")
  @ValueSource(ints = {1, 255, 256, 257, 100_003})
  void axpyFloat32(int n) {
    float[] x = Data.finiteFloats(n, 1);
    float[] y = Data.finiteFloats(n, 2);
    float alpha = 1.7f;
    float[] want = new float[n];
    for (int i = 0; i < n; i++) {
      want[i] = Math.fma(alpha, x[i], y[i]);
    }
    try (DeviceTensor tx = Gpu.tensor(x); DeviceTensor ty = Gpu.tensor(y); DeviceTensor out = Kernels.axpy(alpha, tx, ty)) {
      assertEquals(DType.FLOAT32, out.dtype());
      assertArrayEquals(new long[] {n}, out.shape());
      assertArrayEquals(Data.rawBits(want), Data.rawBits(out.toFloatArray()));
      assertArrayEquals(Data.rawBits(x), Data.rawBits(tx.toFloatArray()), "inputs are not modified");
    }
  }

  @ParameterizedTest(name = "{0} elements")
  @ValueSource(ints = {1, 257, 100_003})
  void axpyFloat64(int n) {
    double[] x = Data.finiteDoubles(n, 3);
    double[] y = Data.finiteDoubles(n, 4);
    double alpha = -0.3;
    double[] want = new double[n];
    for (int i = 0; i < n; i++) {
      want[i] = Math.fma(alpha, x[i], y[i]);
    }
    try (DeviceTensor tx = Gpu.tensor(x); DeviceTensor ty = Gpu.tensor(y); DeviceTensor out = Kernels.axpy(alpha, tx, ty)) {
      assertArrayEquals(Data.rawBits(want), Data.rawBits(out.toDoubleArray()));
    }
  }

  @Test
  void addEveryDtype() {
    int n = 4099;
    float[] fx = Data.finiteFloats(n, 5);
    float[] fy = Data.finiteFloats(n, 6);
    double[] dx = Data.finiteDoubles(n, 7);
    double[] dy = Data.finiteDoubles(n, 8);
    int[] ix = Data.ints(n, 9);
    int[] iy = Data.ints(n, 10);
    long[] lx = Data.longs(n, 11);
    long[] ly = Data.longs(n, 12);
    float[] fw = new float[n];
    double[] dw = new double[n];
    int[] iw = new int[n];
    long[] lw = new long[n];
    for (int i = 0; i < n; i++) {
      fw[i] = fx[i] + fy[i];
      dw[i] = dx[i] + dy[i];
      iw[i] = ix[i] + iy[i];   // wraps
      lw[i] = lx[i] + ly[i];
    }
    try (DeviceTensor a = Gpu.tensor(fx); DeviceTensor b = Gpu.tensor(fy); DeviceTensor s = Kernels.add(a, b)) {
      assertArrayEquals(Data.rawBits(fw), Data.rawBits(s.toFloatArray()));
    }
    try (DeviceTensor a = Gpu.tensor(dx); DeviceTensor b = Gpu.tensor(dy); DeviceTensor s = Kernels.add(a, b)) {
      assertArrayEquals(Data.rawBits(dw), Data.rawBits(s.toDoubleArray()));
    }
    try (DeviceTensor a = Gpu.tensor(ix); DeviceTensor b = Gpu.tensor(iy); DeviceTensor s = Kernels.add(a, b)) {
      assertArrayEquals(iw, s.toIntArray());
    }
    try (DeviceTensor a = Gpu.tensor(lx); DeviceTensor b = Gpu.tensor(ly); DeviceTensor s = Kernels.add(a, b)) {
      assertArrayEquals(lw, s.toLongArray());
    }
  }

  @ParameterizedTest(name = "{0} rows")
  @ValueSource(ints = {1, 3, 300})
  void matVecFloat32(int rows) {
    int cols = 517;
    float[] a = Data.finiteFloats(rows * cols, 13);
    float[] x = Data.finiteFloats(cols, 14);
    float[] want = new float[rows];
    for (int r = 0; r < rows; r++) {
      float acc = 0.0f;
      for (int c = 0; c < cols; c++) {
        acc = Math.fma(a[r * cols + c], x[c], acc);
      }
      want[r] = acc;
    }
    try (DeviceTensor ta = Gpu.tensor(a, rows, cols); DeviceTensor tx = Gpu.tensor(x); DeviceTensor y = Kernels.matVec(ta, tx)) {
      assertArrayEquals(new long[] {rows}, y.shape());
      assertArrayEquals(Data.rawBits(want), Data.rawBits(y.toFloatArray()));
    }
  }

  @Test
  void matVecFloat64() {
    int rows = 64;
    int cols = 1000;
    double[] a = Data.finiteDoubles(rows * cols, 15);
    double[] x = Data.finiteDoubles(cols, 16);
    double[] want = new double[rows];
    for (int r = 0; r < rows; r++) {
      double acc = 0.0;
      for (int c = 0; c < cols; c++) {
        acc = Math.fma(a[r * cols + c], x[c], acc);
      }
      want[r] = acc;
    }
    try (DeviceTensor ta = Gpu.tensor(a, rows, cols); DeviceTensor tx = Gpu.tensor(x); DeviceTensor y = Kernels.matVec(ta, tx)) {
      assertArrayEquals(Data.rawBits(want), Data.rawBits(y.toDoubleArray()));
    }
  }

  @Test
  void misuseIsRejectedWithoutLeaking() {
    try (DeviceTensor i = Gpu.tensor(new int[] {1, 2});
         DeviceTensor f2 = Gpu.tensor(new float[] {1, 2});
         DeviceTensor f3 = Gpu.tensor(new float[] {1, 2, 3});
         DeviceTensor d2 = Gpu.tensor(new double[] {1, 2})) {
      assertEquals("axpy is defined for FLOAT32 and FLOAT64 tensors, not INT32",
          assertThrows(IllegalArgumentException.class, () -> Kernels.axpy(2, i, i)).getMessage());
      assertEquals("add: x has shape [2] but y has [3]: both must have the same shape",
          assertThrows(IllegalArgumentException.class, () -> Kernels.add(f2, f3)).getMessage());
      assertEquals("add: x is FLOAT32 but y is FLOAT64: both must have the same dtype",
          assertThrows(IllegalArgumentException.class, () -> Kernels.add(f2, d2)).getMessage());
      assertEquals("matVec needs a [rows, cols] matrix and a [cols] vector; got [2] and [3] (reshape() them first)",
          assertThrows(IllegalArgumentException.class, () -> Kernels.matVec(f2, f3)).getMessage());
    }
  }

  @Test
  void inputsOnDifferentDevicesAreRejected() {
    assumeTrue(Gpu.deviceCount() >= 2, "needs two devices");
    try (DeviceTensor a = Gpu.tensor(0, new float[] {1}); DeviceTensor b = Gpu.tensor(1, new float[] {2})) {
      assertEquals("add: inputs live on devices 0 and 1: move one with copyToDevice() first",
          assertThrows(IllegalArgumentException.class, () -> Kernels.add(a, b)).getMessage());
      try (DeviceTensor b0 = b.copyToDevice(0); DeviceTensor s = Kernels.add(a, b0)) {
        assertArrayEquals(new float[] {3}, s.toFloatArray());
      }
    }
  }
}
