package io.cgraph.graphtests.collectives;

import io.cgraph.annotations.Collectives;
import io.cgraph.annotations.Graph;
import io.cgraph.annotations.ReduceOp;
import io.cgraph.gpu.DeviceCollectives;
import io.cgraph.gpu.DeviceTensor;

/** Every collective, op and element type, each in a graph that hands every participant's copy back. */
public final class CollectiveGraphs {
  private CollectiveGraphs() {}

  @Graph(maxInflight = 4)
  static FloatQuad allReduceFloatSum(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    float[] g0 = w0.floats(seed, lengths);
    float[] g1 = w1.floats(seed, lengths);
    float[] g2 = w2.floats(seed, lengths);
    float[] g3 = w3.floats(seed, lengths);
    float[] all = Collectives.allReduce(ReduceOp.SUM, g0, g1, g2, g3);
    float[] k0 = w0.keepFloats(all);
    float[] k1 = w1.keepFloats(all);
    float[] k2 = w2.keepFloats(all);
    float[] k3 = w3.keepFloats(all);
    return new FloatQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static FloatQuad allReduceFloatProduct(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    float[] g0 = w0.floats(seed, lengths);
    float[] g1 = w1.floats(seed, lengths);
    float[] g2 = w2.floats(seed, lengths);
    float[] g3 = w3.floats(seed, lengths);
    float[] all = Collectives.allReduce(ReduceOp.PRODUCT, g0, g1, g2, g3);
    float[] k0 = w0.keepFloats(all);
    float[] k1 = w1.keepFloats(all);
    float[] k2 = w2.keepFloats(all);
    float[] k3 = w3.keepFloats(all);
    return new FloatQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static FloatQuad allReduceFloatMin(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    float[] g0 = w0.floats(seed, lengths);
    float[] g1 = w1.floats(seed, lengths);
    float[] g2 = w2.floats(seed, lengths);
    float[] g3 = w3.floats(seed, lengths);
    float[] all = Collectives.allReduce(ReduceOp.MIN, g0, g1, g2, g3);
    float[] k0 = w0.keepFloats(all);
    float[] k1 = w1.keepFloats(all);
    float[] k2 = w2.keepFloats(all);
    float[] k3 = w3.keepFloats(all);
    return new FloatQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static FloatQuad allReduceFloatMax(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    float[] g0 = w0.floats(seed, lengths);
    float[] g1 = w1.floats(seed, lengths);
    float[] g2 = w2.floats(seed, lengths);
    float[] g3 = w3.floats(seed, lengths);
    float[] all = Collectives.allReduce(ReduceOp.MAX, g0, g1, g2, g3);
    float[] k0 = w0.keepFloats(all);
    float[] k1 = w1.keepFloats(all);
    float[] k2 = w2.keepFloats(all);
    float[] k3 = w3.keepFloats(all);
    return new FloatQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static FloatTriple allGatherFloat(long seed, int[] lengths, Worker w0, Worker w1, Worker w2) {
    float[] g0 = w0.floats(seed, lengths);
    float[] g1 = w1.floats(seed, lengths);
    float[] g2 = w2.floats(seed, lengths);
    float[] all = Collectives.allGather(g0, g1, g2);
    float[] k0 = w0.keepFloats(all);
    float[] k1 = w1.keepFloats(all);
    float[] k2 = w2.keepFloats(all);
    return new FloatTriple(k0, k1, k2);
  }

  @Graph(maxInflight = 4)
  static FloatQuad reduceScatterFloat(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    float[] g0 = w0.floats(seed, lengths);
    float[] g1 = w1.floats(seed, lengths);
    float[] g2 = w2.floats(seed, lengths);
    float[] g3 = w3.floats(seed, lengths);
    float[][] shares = Collectives.reduceScatter(ReduceOp.SUM, g0, g1, g2, g3);
    float[] k0 = w0.keepFloats(shares[0]);
    float[] k1 = w1.keepFloats(shares[1]);
    float[] k2 = w2.keepFloats(shares[2]);
    float[] k3 = w3.keepFloats(shares[3]);
    return new FloatQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static FloatTriple broadcastFloat(long seed, int[] lengths, Worker w0, Worker w1, Worker w2) {
    float[] g0 = w0.floats(seed, lengths);
    float[] copy = Collectives.broadcast(g0, w1, w2);
    float[] k0 = w0.keepFloats(copy);
    float[] k1 = w1.keepFloats(copy);
    float[] k2 = w2.keepFloats(copy);
    return new FloatTriple(k0, k1, k2);
  }

  @Graph(maxInflight = 4)
  static DoubleQuad allReduceDoubleSum(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    double[] g0 = w0.doubles(seed, lengths);
    double[] g1 = w1.doubles(seed, lengths);
    double[] g2 = w2.doubles(seed, lengths);
    double[] g3 = w3.doubles(seed, lengths);
    double[] all = Collectives.allReduce(ReduceOp.SUM, g0, g1, g2, g3);
    double[] k0 = w0.keepDoubles(all);
    double[] k1 = w1.keepDoubles(all);
    double[] k2 = w2.keepDoubles(all);
    double[] k3 = w3.keepDoubles(all);
    return new DoubleQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static DoubleQuad allReduceDoubleProduct(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    double[] g0 = w0.doubles(seed, lengths);
    double[] g1 = w1.doubles(seed, lengths);
    double[] g2 = w2.doubles(seed, lengths);
    double[] g3 = w3.doubles(seed, lengths);
    double[] all = Collectives.allReduce(ReduceOp.PRODUCT, g0, g1, g2, g3);
    double[] k0 = w0.keepDoubles(all);
    double[] k1 = w1.keepDoubles(all);
    double[] k2 = w2.keepDoubles(all);
    double[] k3 = w3.keepDoubles(all);
    return new DoubleQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static DoubleQuad allReduceDoubleMin(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    double[] g0 = w0.doubles(seed, lengths);
    double[] g1 = w1.doubles(seed, lengths);
    double[] g2 = w2.doubles(seed, lengths);
    double[] g3 = w3.doubles(seed, lengths);
    double[] all = Collectives.allReduce(ReduceOp.MIN, g0, g1, g2, g3);
    double[] k0 = w0.keepDoubles(all);
    double[] k1 = w1.keepDoubles(all);
    double[] k2 = w2.keepDoubles(all);
    double[] k3 = w3.keepDoubles(all);
    return new DoubleQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static DoubleQuad allReduceDoubleMax(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    double[] g0 = w0.doubles(seed, lengths);
    double[] g1 = w1.doubles(seed, lengths);
    double[] g2 = w2.doubles(seed, lengths);
    double[] g3 = w3.doubles(seed, lengths);
    double[] all = Collectives.allReduce(ReduceOp.MAX, g0, g1, g2, g3);
    double[] k0 = w0.keepDoubles(all);
    double[] k1 = w1.keepDoubles(all);
    double[] k2 = w2.keepDoubles(all);
    double[] k3 = w3.keepDoubles(all);
    return new DoubleQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static DoubleTriple allGatherDouble(long seed, int[] lengths, Worker w0, Worker w1, Worker w2) {
    double[] g0 = w0.doubles(seed, lengths);
    double[] g1 = w1.doubles(seed, lengths);
    double[] g2 = w2.doubles(seed, lengths);
    double[] all = Collectives.allGather(g0, g1, g2);
    double[] k0 = w0.keepDoubles(all);
    double[] k1 = w1.keepDoubles(all);
    double[] k2 = w2.keepDoubles(all);
    return new DoubleTriple(k0, k1, k2);
  }

  @Graph(maxInflight = 4)
  static DoubleQuad reduceScatterDouble(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    double[] g0 = w0.doubles(seed, lengths);
    double[] g1 = w1.doubles(seed, lengths);
    double[] g2 = w2.doubles(seed, lengths);
    double[] g3 = w3.doubles(seed, lengths);
    double[][] shares = Collectives.reduceScatter(ReduceOp.MAX, g0, g1, g2, g3);
    double[] k0 = w0.keepDoubles(shares[0]);
    double[] k1 = w1.keepDoubles(shares[1]);
    double[] k2 = w2.keepDoubles(shares[2]);
    double[] k3 = w3.keepDoubles(shares[3]);
    return new DoubleQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static DoubleTriple broadcastDouble(long seed, int[] lengths, Worker w0, Worker w1, Worker w2) {
    double[] g0 = w0.doubles(seed, lengths);
    double[] copy = Collectives.broadcast(g0, w1, w2);
    double[] k0 = w0.keepDoubles(copy);
    double[] k1 = w1.keepDoubles(copy);
    double[] k2 = w2.keepDoubles(copy);
    return new DoubleTriple(k0, k1, k2);
  }

  @Graph(maxInflight = 4)
  static IntQuad allReduceIntSum(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    int[] g0 = w0.ints(seed, lengths);
    int[] g1 = w1.ints(seed, lengths);
    int[] g2 = w2.ints(seed, lengths);
    int[] g3 = w3.ints(seed, lengths);
    int[] all = Collectives.allReduce(ReduceOp.SUM, g0, g1, g2, g3);
    int[] k0 = w0.keepInts(all);
    int[] k1 = w1.keepInts(all);
    int[] k2 = w2.keepInts(all);
    int[] k3 = w3.keepInts(all);
    return new IntQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static IntQuad allReduceIntProduct(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    int[] g0 = w0.ints(seed, lengths);
    int[] g1 = w1.ints(seed, lengths);
    int[] g2 = w2.ints(seed, lengths);
    int[] g3 = w3.ints(seed, lengths);
    int[] all = Collectives.allReduce(ReduceOp.PRODUCT, g0, g1, g2, g3);
    int[] k0 = w0.keepInts(all);
    int[] k1 = w1.keepInts(all);
    int[] k2 = w2.keepInts(all);
    int[] k3 = w3.keepInts(all);
    return new IntQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static IntQuad allReduceIntMin(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    int[] g0 = w0.ints(seed, lengths);
    int[] g1 = w1.ints(seed, lengths);
    int[] g2 = w2.ints(seed, lengths);
    int[] g3 = w3.ints(seed, lengths);
    int[] all = Collectives.allReduce(ReduceOp.MIN, g0, g1, g2, g3);
    int[] k0 = w0.keepInts(all);
    int[] k1 = w1.keepInts(all);
    int[] k2 = w2.keepInts(all);
    int[] k3 = w3.keepInts(all);
    return new IntQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static IntQuad allReduceIntMax(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    int[] g0 = w0.ints(seed, lengths);
    int[] g1 = w1.ints(seed, lengths);
    int[] g2 = w2.ints(seed, lengths);
    int[] g3 = w3.ints(seed, lengths);
    int[] all = Collectives.allReduce(ReduceOp.MAX, g0, g1, g2, g3);
    int[] k0 = w0.keepInts(all);
    int[] k1 = w1.keepInts(all);
    int[] k2 = w2.keepInts(all);
    int[] k3 = w3.keepInts(all);
    return new IntQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static IntTriple allGatherInt(long seed, int[] lengths, Worker w0, Worker w1, Worker w2) {
    int[] g0 = w0.ints(seed, lengths);
    int[] g1 = w1.ints(seed, lengths);
    int[] g2 = w2.ints(seed, lengths);
    int[] all = Collectives.allGather(g0, g1, g2);
    int[] k0 = w0.keepInts(all);
    int[] k1 = w1.keepInts(all);
    int[] k2 = w2.keepInts(all);
    return new IntTriple(k0, k1, k2);
  }

  @Graph(maxInflight = 4)
  static IntQuad reduceScatterInt(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    int[] g0 = w0.ints(seed, lengths);
    int[] g1 = w1.ints(seed, lengths);
    int[] g2 = w2.ints(seed, lengths);
    int[] g3 = w3.ints(seed, lengths);
    int[][] shares = Collectives.reduceScatter(ReduceOp.SUM, g0, g1, g2, g3);
    int[] k0 = w0.keepInts(shares[0]);
    int[] k1 = w1.keepInts(shares[1]);
    int[] k2 = w2.keepInts(shares[2]);
    int[] k3 = w3.keepInts(shares[3]);
    return new IntQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static IntTriple broadcastInt(long seed, int[] lengths, Worker w0, Worker w1, Worker w2) {
    int[] g0 = w0.ints(seed, lengths);
    int[] copy = Collectives.broadcast(g0, w1, w2);
    int[] k0 = w0.keepInts(copy);
    int[] k1 = w1.keepInts(copy);
    int[] k2 = w2.keepInts(copy);
    return new IntTriple(k0, k1, k2);
  }

  @Graph(maxInflight = 4)
  static LongQuad allReduceLongSum(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    long[] g0 = w0.longs(seed, lengths);
    long[] g1 = w1.longs(seed, lengths);
    long[] g2 = w2.longs(seed, lengths);
    long[] g3 = w3.longs(seed, lengths);
    long[] all = Collectives.allReduce(ReduceOp.SUM, g0, g1, g2, g3);
    long[] k0 = w0.keepLongs(all);
    long[] k1 = w1.keepLongs(all);
    long[] k2 = w2.keepLongs(all);
    long[] k3 = w3.keepLongs(all);
    return new LongQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static LongQuad allReduceLongProduct(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    long[] g0 = w0.longs(seed, lengths);
    long[] g1 = w1.longs(seed, lengths);
    long[] g2 = w2.longs(seed, lengths);
    long[] g3 = w3.longs(seed, lengths);
    long[] all = Collectives.allReduce(ReduceOp.PRODUCT, g0, g1, g2, g3);
    long[] k0 = w0.keepLongs(all);
    long[] k1 = w1.keepLongs(all);
    long[] k2 = w2.keepLongs(all);
    long[] k3 = w3.keepLongs(all);
    return new LongQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static LongQuad allReduceLongMin(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    long[] g0 = w0.longs(seed, lengths);
    long[] g1 = w1.longs(seed, lengths);
    long[] g2 = w2.longs(seed, lengths);
    long[] g3 = w3.longs(seed, lengths);
    long[] all = Collectives.allReduce(ReduceOp.MIN, g0, g1, g2, g3);
    long[] k0 = w0.keepLongs(all);
    long[] k1 = w1.keepLongs(all);
    long[] k2 = w2.keepLongs(all);
    long[] k3 = w3.keepLongs(all);
    return new LongQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static LongQuad allReduceLongMax(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    long[] g0 = w0.longs(seed, lengths);
    long[] g1 = w1.longs(seed, lengths);
    long[] g2 = w2.longs(seed, lengths);
    long[] g3 = w3.longs(seed, lengths);
    long[] all = Collectives.allReduce(ReduceOp.MAX, g0, g1, g2, g3);
    long[] k0 = w0.keepLongs(all);
    long[] k1 = w1.keepLongs(all);
    long[] k2 = w2.keepLongs(all);
    long[] k3 = w3.keepLongs(all);
    return new LongQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static LongTriple allGatherLong(long seed, int[] lengths, Worker w0, Worker w1, Worker w2) {
    long[] g0 = w0.longs(seed, lengths);
    long[] g1 = w1.longs(seed, lengths);
    long[] g2 = w2.longs(seed, lengths);
    long[] all = Collectives.allGather(g0, g1, g2);
    long[] k0 = w0.keepLongs(all);
    long[] k1 = w1.keepLongs(all);
    long[] k2 = w2.keepLongs(all);
    return new LongTriple(k0, k1, k2);
  }

  @Graph(maxInflight = 4)
  static LongQuad reduceScatterLong(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    long[] g0 = w0.longs(seed, lengths);
    long[] g1 = w1.longs(seed, lengths);
    long[] g2 = w2.longs(seed, lengths);
    long[] g3 = w3.longs(seed, lengths);
    long[][] shares = Collectives.reduceScatter(ReduceOp.MAX, g0, g1, g2, g3);
    long[] k0 = w0.keepLongs(shares[0]);
    long[] k1 = w1.keepLongs(shares[1]);
    long[] k2 = w2.keepLongs(shares[2]);
    long[] k3 = w3.keepLongs(shares[3]);
    return new LongQuad(k0, k1, k2, k3);
  }

  @Graph(maxInflight = 4)
  static LongTriple broadcastLong(long seed, int[] lengths, Worker w0, Worker w1, Worker w2) {
    long[] g0 = w0.longs(seed, lengths);
    long[] copy = Collectives.broadcast(g0, w1, w2);
    long[] k0 = w0.keepLongs(copy);
    long[] k1 = w1.keepLongs(copy);
    long[] k2 = w2.keepLongs(copy);
    return new LongTriple(k0, k1, k2);
  }

  /** Two participants: the smallest ring. */
  @Graph(maxInflight = 4)
  static FloatTriple allReducePair(long seed, int[] lengths, Worker w0, Worker w1) {
    float[] g0 = w0.floats(seed, lengths);
    float[] g1 = w1.floats(seed, lengths);
    float[] sum = Collectives.allReduce(ReduceOp.SUM, g0, g1);
    float[] k0 = w0.keepFloats(sum);
    float[] k1 = w1.keepFloats(sum);
    return new FloatTriple(k0, k1, g0);
  }

  /**
   * A collective inside a pipeline, with several executions in flight: a stage before it, one
   * after on every participant, and a fan-in on one of them.
   */
  @Graph(maxInflight = 8)
  static long pipeline(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    float[] g0 = w0.floats(seed, lengths);
    float[] g1 = w1.floats(seed, lengths);
    float[] g2 = w2.floats(seed, lengths);
    float[] g3 = w3.floats(seed, lengths);
    float[] sum = Collectives.allReduce(ReduceOp.SUM, g0, g1, g2, g3);
    long d0 = w0.digest(sum);
    long d1 = w1.digest(sum);
    long d2 = w2.digest(sum);
    long d3 = w3.digest(sum);
    return w0.combine(d0, d1, d2, d3);
  }

  /** Large arrays: each participant digests its copy, so only longs come back. */
  @Graph(maxInflight = 1)
  static long large(long seed, int[] lengths, Worker w0, Worker w1, Worker w2, Worker w3) {
    float[] g0 = w0.floats(seed, lengths);
    float[] g1 = w1.floats(seed, lengths);
    float[] g2 = w2.floats(seed, lengths);
    float[] g3 = w3.floats(seed, lengths);
    float[] sum = Collectives.allReduce(ReduceOp.SUM, g0, g1, g2, g3);
    long d0 = w0.digest(sum);
    long d1 = w1.digest(sum);
    long d2 = w2.digest(sum);
    long d3 = w3.digest(sum);
    return w0.combine(d0, d1, d2, d3);
  }

  /** Three participants, one of which may throw and one hold: fast fail through a collective. */
  @Graph(maxInflight = 4)
  static int fastFail(int x, Gate a, Gate b, Gate c) {
    int[] ga = a.part(x);
    int[] gb = b.part(x);
    int[] gc = c.part(x);
    int[] sum = Collectives.allReduce(ReduceOp.SUM, ga, gb, gc);
    int la = a.last(sum);
    int lb = b.last(sum);
    int lc = c.last(sum);
    return a.add(la, lb, lc);
  }

  @Graph(maxInflight = 4)
  static LongTriple tensorAllReduce(long seed, int[] rows, int cols, TensorPart a, TensorPart b, TensorPart c) {
    DeviceTensor ta = a.floats(seed, rows, cols);
    DeviceTensor tb = b.floats(seed, rows, cols);
    DeviceTensor tc = c.floats(seed, rows, cols);
    DeviceTensor sum = DeviceCollectives.allReduce(ReduceOp.SUM, ta, tb, tc);
    long[] da = a.describe(sum);
    long[] db = b.describe(sum);
    long[] dc = c.describe(sum);
    return new LongTriple(da, db, dc);
  }

  @Graph(maxInflight = 4)
  static LongTriple tensorAllReduceIntMax(long seed, int[] rows, int cols, TensorPart a, TensorPart b, TensorPart c) {
    DeviceTensor ta = a.ints(seed, rows, cols);
    DeviceTensor tb = b.ints(seed, rows, cols);
    DeviceTensor tc = c.ints(seed, rows, cols);
    DeviceTensor max = DeviceCollectives.allReduce(ReduceOp.MAX, ta, tb, tc);
    long[] da = a.describe(max);
    long[] db = b.describe(max);
    long[] dc = c.describe(max);
    return new LongTriple(da, db, dc);
  }

  @Graph(maxInflight = 4)
  static LongTriple tensorAllGather(long seed, int[] rows, int cols, TensorPart a, TensorPart b, TensorPart c) {
    DeviceTensor ta = a.floats(seed, rows, cols);
    DeviceTensor tb = b.floats(seed, rows, cols);
    DeviceTensor tc = c.floats(seed, rows, cols);
    DeviceTensor all = DeviceCollectives.allGather(ta, tb, tc);
    long[] da = a.describe(all);
    long[] db = b.describe(all);
    long[] dc = c.describe(all);
    return new LongTriple(da, db, dc);
  }

  @Graph(maxInflight = 4)
  static LongTriple tensorReduceScatter(long seed, int[] rows, int cols, TensorPart a, TensorPart b, TensorPart c) {
    DeviceTensor ta = a.floats(seed, rows, cols);
    DeviceTensor tb = b.floats(seed, rows, cols);
    DeviceTensor tc = c.floats(seed, rows, cols);
    DeviceTensor[] shares = DeviceCollectives.reduceScatter(ReduceOp.SUM, ta, tb, tc);
    long[] da = a.describe(shares[0]);
    long[] db = b.describe(shares[1]);
    long[] dc = c.describe(shares[2]);
    return new LongTriple(da, db, dc);
  }

  @Graph(maxInflight = 4)
  static LongTriple tensorBroadcast(long seed, int[] rows, int cols, TensorPart a, TensorPart b, TensorPart c) {
    DeviceTensor ta = a.ints(seed, rows, cols);
    DeviceTensor copy = DeviceCollectives.broadcast(ta, b, c);
    long[] da = a.describe(copy);
    long[] db = b.describe(copy);
    long[] dc = c.describe(copy);
    return new LongTriple(da, db, dc);
  }

  /**
   * An actor outside the collective feeds one participant and reads the others' results: its step
   * must not wait, before its first call, for a value that depends on that call.
   */
  @Graph(maxInflight = 2)
  static long outsiderFeedsAParticipant(long seed, int[] lengths, Worker x, Worker w0, Worker w1, Worker w2) {
    float[] a = x.floats(seed, lengths);
    float[] g0 = w0.floats(seed, lengths);
    float[] g1 = w1.floats(seed, lengths);
    float[] g2 = w2.keepFloats(a);
    float[] s = Collectives.allReduce(ReduceOp.SUM, g0, g1, g2);
    long l0 = w0.digest(s);
    long l1 = w1.digest(s);
    long l2 = w2.digest(s);
    return x.combine(l0, l1, l2, l1);
  }
}
