package io.cgraph.example;

import java.util.Random;

/**
 * A small fixed dense network (inputs → 2 tanh layers → one signal), the kind of learned feature a
 * scoring stage computes per order: a few thousand multiply-adds, a few microseconds. Weights are
 * drawn from a seed, so every instance with the same seed computes the same function.
 */
final class FeatureNet {
  private final double[][] first;
  private final double[][] second;
  private final double[] out;

  FeatureNet(int inputs, int hidden, long seed) {
    Random rnd = new Random(seed);
    first = matrix(hidden, inputs, rnd);
    second = matrix(hidden, hidden, rnd);
    out = new double[hidden];
    for (int i = 0; i < hidden; i++) {
      out[i] = rnd.nextGaussian() / Math.sqrt(hidden);
    }
  }

  private static double[][] matrix(int rows, int cols, Random rnd) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int c = 0; c < cols; c++) {
        row[c] = rnd.nextGaussian() / Math.sqrt(cols);
      }
    }
    return m;
  }

  /** The network's signal for {@code input}, in (-1, 1). */
  double signal(double[] input) {
    double[] h1 = layer(first, input);
    double[] h2 = layer(second, h1);
    double acc = 0;
    for (int i = 0; i < h2.length; i++) {
      acc = Math.fma(out[i], h2[i], acc);
    }
    return Math.tanh(acc);
  }

  private static double[] layer(double[][] w, double[] in) {
    double[] h = new double[w.length];
    for (int r = 0; r < w.length; r++) {
      double acc = 0;
      double[] row = w[r];
      for (int c = 0; c < in.length; c++) {
        acc = Math.fma(row[c], in[c], acc);
      }
      h[r] = Math.tanh(acc);
    }
    return h;
  }
}
