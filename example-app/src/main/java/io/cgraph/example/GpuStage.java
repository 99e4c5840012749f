package io.cgraph.example;

import io.cgraph.gpu.DeviceTensor;
import io.cgraph.gpu.Gpu;
import io.cgraph.runtime.GraphOptions;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

/**
 * The example's GPU stage: order features in batches, through {@link ScoreBatchGraph}, each result
 * checked bit for bit against the same product computed on the CPU.
 */
final class GpuStage {
  static final double[] WEIGHTS = {0.8, -0.25, 1.5, 0.05, -2.0, 0.3};
  static final int BATCH = 256;

  private GpuStage() {}

  /** Feature row of one order line; malformed lines give a row of zeros. */
  static double[] features(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 7) {
      return new double[WEIGHTS.length];
    }
    int quantity = Integer.parseInt(f[4]);
    double price = Double.parseDouble(f[5]);
    return new double[] {
        Math.log1p(quantity * price), quantity % 100 == 0 ? 1 : 0, f[3].equals("BUY") ? 1 : -1, price / 1000,
        f[6].equals("XX") ? 1 : 0, Math.log1p(quantity)};
  }

  /** Runs every full batch of {@code lines} through the graph; returns the number of mismatching scores. */
  static int run(List<String> lines) {
    int batches = lines.size() / BATCH;
    int cols = WEIGHTS.length;
    int mismatches = 0;
    long start = System.nanoTime();
    try (GpuScorer scorer = new GpuScorer(WEIGHTS);
        ScoreBatchGraph graph = ScoreBatchGraph.compile(scorer, GraphOptions.defaults())) {
      ArrayDeque<ScoreBatchGraph.Ref> inFlight = new ArrayDeque<>();
      ArrayDeque<double[]> expected = new ArrayDeque<>();
      for (int b = 0; b < batches; b++) {
        double[] matrix = new double[BATCH * cols];
        for (int r = 0; r < BATCH; r++) {
          System.arraycopy(features(lines.get(b * BATCH + r)), 0, matrix, r * cols, cols);
        }
        expected.add(cpuScores(matrix, cols));
        inFlight.add(graph.execute(Gpu.tensor(matrix, BATCH, cols)));
        if (inFlight.size() == ScoreBatchGraph.MAX_INFLIGHT) {
          mismatches += check(inFlight.poll(), expected.poll());
        }
      }
      while (!inFlight.isEmpty()) {
        mismatches += check(inFlight.poll(), expected.poll());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println("GPU stage (" + Gpu.backend().kind() + " backend): " + batches + " batches of " + BATCH + " orders x "
        + cols + " features scored on the device, " + String.format(Locale.ROOT, "%.0f", batches / seconds)
        + " batches/s; " + (mismatches == 0 ? "every score equals the CPU result bit for bit"
            : mismatches + " scores differ from the CPU result"));
    return mismatches;
  }

  /** Takes one batch's scores and counts those that differ from {@code want} in any bit. */
  private static int check(ScoreBatchGraph.Ref ref, double[] want) {
    int differ = 0;
    try (DeviceTensor scores = ref.get()) {
      double[] got = scores.toDoubleArray();
      for (int i = 0; i < want.length; i++) {
        if (Double.doubleToLongBits(got[i]) != Double.doubleToLongBits(want[i])) {
          differ++;
        }
      }
    }
    return differ;
  }

  /** The product the kernel computes, in the same order with the same rounding: acc = fma(a, x, acc). */
  static double[] cpuScores(double[] matrix, int cols) {
    int rows = matrix.length / cols;
    double[] y = new double[rows];
    for (int r = 0; r < rows; r++) {
      double acc = 0;
      for (int c = 0; c < cols; c++) {
        acc = Math.fma(matrix[r * cols + c], WEIGHTS[c], acc);
      }
      y[r] = acc;
    }
    return y;
  }
}
