package io.cgraph.gpu;

import java.util.SplittableRandom;

/** Deterministic test data, including the floating-point values that trip up careless copies. */
final class Data {
  private Data() {}

  static float[] floats(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = Float.intBitsToFloat(r.nextInt());   // every bit pattern: NaNs with payloads, -0, subnormals, infinities
    }
    return v;
  }

  static double[] doubles(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Double.longBitsToDouble(r.nextLong());
    }
    return v;
  }

  static int[] ints(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextInt();
    }
    return v;
  }

  static long[] longs(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextLong();
    }
    return v;
  }

  /** Finite values in [-4, 4), for arithmetic whose NaN payloads would differ between backends. */
  static float[] finiteFloats(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextDouble() * 8 - 4);
    }
    return v;
  }

  static double[] finiteDoubles(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble() * 8 - 4;
    }
    return v;
  }

  static int[] rawBits(float[] v) {
    int[] b = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Float.floatToRawIntBits(v[i]);
    }
    return b;
  }

  static long[] rawBits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToRawLongBits(v[i]);
    }
    return b;
  }
}
