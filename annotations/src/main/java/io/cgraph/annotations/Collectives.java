package io.cgraph.annotations;

import java.util.Objects;

/**
 * Collective operations in a {@link Graph} body: each one combines the values of calls on
 * <em>different</em> actors (the participants, in the order written) and hands every participant
 * its own copy of the outcome, for its later calls to read.
 *
 * <pre>{@code
 * @Graph
 * static double step(float[] batch, Worker w0, Worker w1, Worker w2) {
 *   float[] g0 = w0.gradient(batch);
 *   float[] g1 = w1.gradient(batch);
 *   float[] g2 = w2.gradient(batch);
 *   float[] sum = Collectives.allReduce(ReduceOp.SUM, g0, g1, g2);   // one statement
 *   double l0 = w0.apply(sum);                                        // each participant reads it
 *   double l1 = w1.apply(sum);
 *   double l2 = w2.apply(sum);
 *   return w0.loss(l0, l1, l2);
 * }
 * }</pre>
 *
 * <p>In a compiled graph a collective runs as a ring over the participants' channels: each of the
 * {@code N} participants sends and receives {@code 1/N} of the data per step, with no hop through
 * the driver. The methods here are what the graph method computes when it is called directly (the
 * graph's reference semantics); the compiled graph gives the same values, bit for bit.
 *
 * <p><b>Order of a floating-point reduction.</b> The ring splits an array of length {@code L} into
 * {@code N} chunks ({@code chunk k} is {@code [k*L/N, (k+1)*L/N)}) and accumulates chunk {@code k}
 * starting at participant {@code (k+1) % N}, going round: {@code ((p[k+1] op p[k+2]) op ...) op
 * p[k]}, indices modulo {@code N}. These methods use that order too, so a {@code float} sum of the
 * compiled graph equals the direct call's exactly; it may differ in the last bits from a plain
 * left-to-right sum. Integer, {@code MIN} and {@code MAX} results do not depend on the order.
 *
 * <p><b>Rules</b> (checked by the processor, each a compile error): the operands are locals bound
 * by calls on distinct actors, of one element type ({@code float[]}, {@code double[]},
 * {@code int[]} or {@code long[]}); at least two participants; every participant reads the result
 * (for {@link #reduceScatter} its own share {@code shares[i]}, for {@code broadcast} every receiver)
 * and no other actor does; the graph does not return it directly. Lengths javac cannot see are
 * checked when the graph runs: participants whose arrays differ in length fail that execution (an
 * {@code ActorTaskException} from {@code get}), not the graph.
 */
public final class Collectives {
  private Collectives() {}

  /**
   * Combines the participants' arrays element by element with {@code op}; every participant
   * receives the whole result.
   *
   * @param op how to combine elements
   * @param parts one array per participant, all of one length
   * @return a new array: element {@code i} is {@code parts[0][i] op parts[1][i] op ...} in ring order
   * @throws IllegalArgumentException when the lengths differ or fewer than two arrays are given
   */
  public static float[] allReduce(ReduceOp op, float[]... parts) {
    int n = checkParts(op, parts, "allReduce");
    int length = commonLength(parts, "allReduce");
    float[] out = new float[length];
    for (int k = 0; k < n; k++) {
      int from = chunkStart(k, length, n);
      int to = chunkStart(k + 1, length, n);
      float[] first = parts[(k + 1) % n];
      for (int i = from; i < to; i++) {
        float acc = first[i];
        for (int j = 2; j <= n; j++) {
          acc = combine(op, acc, parts[(k + j) % n][i]);
        }
        out[i] = acc;
      }
    }
    return out;
  }

  /**
   * Concatenates the participants' arrays in participant order; every participant receives the
   * whole result.
   *
   * @param parts one array per participant, all of one length
   * @return a new array of {@code parts.length * length} elements
   * @throws IllegalArgumentException when the lengths differ or fewer than two arrays are given
   */
  public static float[] allGather(float[]... parts) {
    int n = checkParts(ReduceOp.SUM, parts, "allGather");
    int length = commonLength(parts, "allGather");
    float[] out = new float[gatheredLength(length, n)];
    for (int k = 0; k < n; k++) {
      System.arraycopy(parts[k], 0, out, k * length, length);
    }
    return out;
  }

  /**
   * Reduces as {@link #allReduce} does and splits the result into one share per participant:
   * participant {@code i} reads {@code shares[i]}, elements {@code [i*L/N, (i+1)*L/N)}.
   *
   * @param op how to combine elements
   * @param parts one array per participant, all of one length
   * @return the shares, one per participant in participant order
   * @throws IllegalArgumentException when the lengths differ or fewer than two arrays are given
   */
  public static float[][] reduceScatter(ReduceOp op, float[]... parts) {
    float[] all = allReduce(op, parts);
    int n = parts.length;
    float[][] shares = new float[n][];
    for (int k = 0; k < n; k++) {
      shares[k] = java.util.Arrays.copyOfRange(all, chunkStart(k, all.length, n), chunkStart(k + 1, all.length, n));
    }
    return shares;
  }

  /**
   * Sends {@code value}, the result of a call on the root actor, to every receiver: the root and
   * each receiver read their own copy.
   *
   * @param value the root's array (a local bound by a call)
   * @param receivers the actor parameters that receive it, distinct, none the root
   * @return a copy of {@code value}
   * @throws NullPointerException when {@code value} is null
   */
  public static float[] broadcast(float[] value, Object... receivers) {
    Objects.requireNonNull(value, "broadcast: the root's array is null");
    Objects.requireNonNull(receivers, "receivers");
    return value.clone();
  }

  /**
   * Combines the participants' arrays element by element with {@code op}; every participant
   * receives the whole result.
   *
   * @param op how to combine elements
   * @param parts one array per participant, all of one length
   * @return a new array: element {@code i} is {@code parts[0][i] op parts[1][i] op ...} in ring order
   * @throws IllegalArgumentException when the lengths differ or fewer than two arrays are given
   */
  public static double[] allReduce(ReduceOp op, double[]... parts) {
    int n = checkParts(op, parts, "allReduce");
    int length = commonLength(parts, "allReduce");
    double[] out = new double[length];
    for (int k = 0; k < n; k++) {
      int from = chunkStart(k, length, n);
      int to = chunkStart(k + 1, length, n);
      double[] first = parts[(k + 1) % n];
      for (int i = from; i < to; i++) {
        double acc = first[i];
        for (int j = 2; j <= n; j++) {
          acc = combine(op, acc, parts[(k + j) % n][i]);
        }
        out[i] = acc;
      }
    }
    return out;
  }

  /**
   * Concatenates the participants' arrays in participant order; every participant receives the
   * whole result.
   *
   * @param parts one array per participant, all of one length
   * @return a new array of {@code parts.length * length} elements
   * @throws IllegalArgumentException when the lengths differ or fewer than two arrays are given
   */
  public static double[] allGather(double[]... parts) {
    int n = checkParts(ReduceOp.SUM, parts, "allGather");
    int length = commonLength(parts, "allGather");
    double[] out = new double[gatheredLength(length, n)];
    for (int k = 0; k < n; k++) {
      System.arraycopy(parts[k], 0, out, k * length, length);
    }
    return out;
  }

  /**
   * Reduces as {@link #allReduce} does and splits the result into one share per participant:
   * participant {@code i} reads {@code shares[i]}, elements {@code [i*L/N, (i+1)*L/N)}.
   *
   * @param op how to combine elements
   * @param parts one array per participant, all of one length
   * @return the shares, one per participant in participant order
   * @throws IllegalArgumentException when the lengths differ or fewer than two arrays are given
   */
  public static double[][] reduceScatter(ReduceOp op, double[]... parts) {
    double[] all = allReduce(op, parts);
    int n = parts.length;
    double[][] shares = new double[n][];
    for (int k = 0; k < n; k++) {
      shares[k] = java.util.Arrays.copyOfRange(all, chunkStart(k, all.length, n), chunkStart(k + 1, all.length, n));
    }
    return shares;
  }

  /**
   * Sends {@code value}, the result of a call on the root actor, to every receiver: the root and
   * each receiver read their own copy.
   *
   * @param value the root's array (a local bound by a call)
   * @param receivers the actor parameters that receive it, distinct, none the root
   * @return a copy of {@code value}
   * @throws NullPointerException when {@code value} is null
   */
  public static double[] broadcast(double[] value, Object... receivers) {
    Objects.requireNonNull(value, "broadcast: the root's array is null");
    Objects.requireNonNull(receivers, "receivers");
    return value.clone();
  }

  /**
   * Combines the participants' arrays element by element with {@code op}; every participant
   * receives the whole result.
   *
   * @param op how to combine elements
   * @param parts one array per participant, all of one length
   * @return a new array: element {@code i} is {@code parts[0][i] op parts[1][i] op ...} in ring order
   * @throws IllegalArgumentException when the lengths differ or fewer than two arrays are given
   */
  public static int[] allReduce(ReduceOp op, int[]... parts) {
    int n = checkParts(op, parts, "allReduce");
    int length = commonLength(parts, "allReduce");
    int[] out = new int[length];
    for (int k = 0; k < n; k++) {
      int from = chunkStart(k, length, n);
      int to = chunkStart(k + 1, length, n);
      int[] first = parts[(k + 1) % n];
      for (int i = from; i < to; i++) {
        int acc = first[i];
        for (int j = 2; j <= n; j++) {
          acc = combine(op, acc, parts[(k + j) % n][i]);
        }
        out[i] = acc;
      }
    }
    return out;
  }

  /**
   * Concatenates the participants' arrays in participant order; every participant receives the
   * whole result.
   *
   * @param parts one array per participant, all of one length
   * @return a new array of {@code parts.length * length} elements
   * @throws IllegalArgumentException when the lengths differ or fewer than two arrays are given
   */
  public static int[] allGather(int[]... parts) {
    int n = checkParts(ReduceOp.SUM, parts, "allGather");
    int length = commonLength(parts, "allGather");
    int[] out = new int[gatheredLength(length, n)];
    for (int k = 0; k < n; k++) {
      System.arraycopy(parts[k], 0, out, k * length, length);
    }
    return out;
  }

  /**
   * Reduces as {@link #allReduce} does and splits the result into one share per participant:
   * participant {@code i} reads {@code shares[i]}, elements {@code [i*L/N, (i+1)*L/N)}.
   *
   * @param op how to combine elements
   * @param parts one array per participant, all of one length
   * @return the shares, one per participant in participant order
   * @throws IllegalArgumentException when the lengths differ or fewer than two arrays are given
   */
  public static int[][] reduceScatter(ReduceOp op, int[]... parts) {
    int[] all = allReduce(op, parts);
    int n = parts.length;
    int[][] shares = new int[n][];
    for (int k = 0; k < n; k++) {
      shares[k] = java.util.Arrays.copyOfRange(all, chunkStart(k, all.length, n), chunkStart(k + 1, all.length, n));
    }
    return shares;
  }

  /**
   * Sends {@code value}, the result of a call on the root actor, to every receiver: the root and
   * each receiver read their own copy.
   *
   * @param value the root's array (a local bound by a call)
   * @param receivers the actor parameters that receive it, distinct, none the root
   * @return a copy of {@code value}
   * @throws NullPointerException when {@code value} is null
   */
  public static int[] broadcast(int[] value, Object... receivers) {
    Objects.requireNonNull(value, "broadcast: the root's array is null");
    Objects.requireNonNull(receivers, "receivers");
    return value.clone();
  }

  /**
   * Combines the participants' arrays element by element with {@code op}; every participant
   * receives the whole result.
   *
   * @param op how to combine elements
   * @param parts one array per participant, all of one length
   * @return a new array: element {@code i} is {@code parts[0][i] op parts[1][i] op ...} in ring order
   * @throws IllegalArgumentException when the lengths differ or fewer than two arrays are given
   */
  public static long[] allReduce(ReduceOp op, long[]... parts) {
    int n = checkParts(op, parts, "allReduce");
    int length = commonLength(parts, "allReduce");
    long[] out = new long[length];
    for (int k = 0; k < n; k++) {
      int from = chunkStart(k, length, n);
      int to = chunkStart(k + 1, length, n);
      long[] first = parts[(k + 1) % n];
      for (int i = from; i < to; i++) {
        long acc = first[i];
        for (int j = 2; j <= n; j++) {
          acc = combine(op, acc, parts[(k + j) % n][i]);
        }
        out[i] = acc;
      }
    }
    return out;
  }

  /**
   * Concatenates the participants' arrays in participant order; every participant receives the
   * whole result.
   *
   * @param parts one array per participant, all of one length
   * @return a new array of {@code parts.length * length} elements
   * @throws IllegalArgumentException when the lengths differ or fewer than two arrays are given
   */
  public static long[] allGather(long[]... parts) {
    int n = checkParts(ReduceOp.SUM, parts, "allGather");
    int length = commonLength(parts, "allGather");
    long[] out = new long[gatheredLength(length, n)];
    for (int k = 0; k < n; k++) {
      System.arraycopy(parts[k], 0, out, k * length, length);
    }
    return out;
  }

  /**
   * Reduces as {@link #allReduce} does and splits the result into one share per participant:
   * participant {@code i} reads {@code shares[i]}, elements {@code [i*L/N, (i+1)*L/N)}.
   *
   * @param op how to combine elements
   * @param parts one array per participant, all of one length
   * @return the shares, one per participant in participant order
   * @throws IllegalArgumentException when the lengths differ or fewer than two arrays are given
   */
  public static long[][] reduceScatter(ReduceOp op, long[]... parts) {
    long[] all = allReduce(op, parts);
    int n = parts.length;
    long[][] shares = new long[n][];
    for (int k = 0; k < n; k++) {
      shares[k] = java.util.Arrays.copyOfRange(all, chunkStart(k, all.length, n), chunkStart(k + 1, all.length, n));
    }
    return shares;
  }

  /**
   * Sends {@code value}, the result of a call on the root actor, to every receiver: the root and
   * each receiver read their own copy.
   *
   * @param value the root's array (a local bound by a call)
   * @param receivers the actor parameters that receive it, distinct, none the root
   * @return a copy of {@code value}
   * @throws NullPointerException when {@code value} is null
   */
  public static long[] broadcast(long[] value, Object... receivers) {
    Objects.requireNonNull(value, "broadcast: the root's array is null");
    Objects.requireNonNull(receivers, "receivers");
    return value.clone();
  }

  private static float combine(ReduceOp op, float a, float b) {
    switch (op) {
      case SUM:
        return a + b;
      case PRODUCT:
        return a * b;
      case MIN:
        return Math.min(a, b);
      default:
        return Math.max(a, b);
    }
  }

  private static double combine(ReduceOp op, double a, double b) {
    switch (op) {
      case SUM:
        return a + b;
      case PRODUCT:
        return a * b;
      case MIN:
        return Math.min(a, b);
      default:
        return Math.max(a, b);
    }
  }

  private static int combine(ReduceOp op, int a, int b) {
    switch (op) {
      case SUM:
        return a + b;
      case PRODUCT:
        return a * b;
      case MIN:
        return Math.min(a, b);
      default:
        return Math.max(a, b);
    }
  }

  private static long combine(ReduceOp op, long a, long b) {
    switch (op) {
      case SUM:
        return a + b;
      case PRODUCT:
        return a * b;
      case MIN:
        return Math.min(a, b);
      default:
        return Math.max(a, b);
    }
  }

  /** The first element of chunk {@code k} of {@code length} elements split in {@code n}. */
  static int chunkStart(int k, int length, int n) {
    return (int) ((long) k * length / n);
  }

  private static int commonLength(Object[] parts, String what) {
    int length = java.lang.reflect.Array.getLength(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      int other = java.lang.reflect.Array.getLength(parts[i]);
      if (other != length) {
        throw new IllegalArgumentException(what + ": participant " + i + " has " + other
            + " elements, participant 0 has " + length + "; all must have the same length");
      }
    }
    return length;
  }

  private static int gatheredLength(int length, int n) {
    long total = (long) length * n;
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("allGather: " + n + " arrays of " + length
          + " elements do not fit in one Java array");
    }
    return (int) total;
  }

  private static int checkParts(ReduceOp op, Object[] parts, String what) {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(parts, "parts");
    if (parts.length < 2) {
      throw new IllegalArgumentException(what + " needs at least two participants, got " + parts.length);
    }
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] == null) {
        throw new NullPointerException(what + ": participant " + i + "'s array is null");
      }
    }
    return parts.length;
  }
}
