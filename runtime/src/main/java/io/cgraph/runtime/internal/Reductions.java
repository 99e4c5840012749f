package io.cgraph.runtime.internal;

import io.cgraph.annotations.ReduceOp;

/**
 * The element loops of {@link Collective}: {@code acc[i] = acc[i] op mine[i]}, one loop per op so
 * that the JIT vectorises each; the operand order is the one {@code Collectives} documents.
 */
final class Reductions {
  private Reductions() {}

  static void floats(ReduceOp op, float[] acc, float[] mine, int from, int to) {
    switch (op) {
      case SUM -> {
        for (int i = from; i < to; i++) {
          acc[i] = acc[i] + mine[i];
        }
      }
      case PRODUCT -> {
        for (int i = from; i < to; i++) {
          acc[i] = acc[i] * mine[i];
        }
      }
      case MIN -> {
        for (int i = from; i < to; i++) {
          acc[i] = Math.min(acc[i], mine[i]);
        }
      }
      case MAX -> {
        for (int i = from; i < to; i++) {
          acc[i] = Math.max(acc[i], mine[i]);
        }
      }
      default -> throw new IllegalArgumentException(String.valueOf(op));
    }
  }

  static void doubles(ReduceOp op, double[] acc, double[] mine, int from, int to) {
    switch (op) {
      case SUM -> {
        for (int i = from; i < to; i++) {
          acc[i] = acc[i] + mine[i];
        }
      }
      case PRODUCT -> {
        for (int i = from; i < to; i++) {
          acc[i] = acc[i] * mine[i];
        }
      }
      case MIN -> {
        for (int i = from; i < to; i++) {
          acc[i] = Math.min(acc[i], mine[i]);
        }
      }
      case MAX -> {
        for (int i = from; i < to; i++) {
          acc[i] = Math.max(acc[i], mine[i]);
        }
      }
      default -> throw new IllegalArgumentException(String.valueOf(op));
    }
  }

  static void ints(ReduceOp op, int[] acc, int[] mine, int from, int to) {
    switch (op) {
      case SUM -> {
        for (int i = from; i < to; i++) {
          acc[i] = acc[i] + mine[i];
        }
      }
      case PRODUCT -> {
        for (int i = from; i < to; i++) {
          acc[i] = acc[i] * mine[i];
        }
      }
      case MIN -> {
        for (int i = from; i < to; i++) {
          acc[i] = Math.min(acc[i], mine[i]);
        }
      }
      case MAX -> {
        for (int i = from; i < to; i++) {
          acc[i] = Math.max(acc[i], mine[i]);
        }
      }
      default -> throw new IllegalArgumentException(String.valueOf(op));
    }
  }

  static void longs(ReduceOp op, long[] acc, long[] mine, int from, int to) {
    switch (op) {
      case SUM -> {
        for (int i = from; i < to; i++) {
          acc[i] = acc[i] + mine[i];
        }
      }
      case PRODUCT -> {
        for (int i = from; i < to; i++) {
          acc[i] = acc[i] * mine[i];
        }
      }
      case MIN -> {
        for (int i = from; i < to; i++) {
          acc[i] = Math.min(acc[i], mine[i]);
        }
      }
      case MAX -> {
        for (int i = from; i < to; i++) {
          acc[i] = Math.max(acc[i], mine[i]);
        }
      }
      default -> throw new IllegalArgumentException(String.valueOf(op));
    }
  }
}
