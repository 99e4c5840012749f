package io.cgraph.cluster.graphs;

import io.cgraph.annotations.Collectives;
import io.cgraph.annotations.Graph;
import io.cgraph.annotations.ReduceOp;

/** Graphs run across hosts by the cluster tests. */
public final class ClusterGraphs {
  private ClusterGraphs() {}

  /** One remote call per execution. */
  @Graph(maxInflight = 16)
  public static long echo(long x, Stage a) {
    return a.add(x);
  }

  /** Three stages in a line, e.g. on three hosts. */
  @Graph(maxInflight = 16)
  public static long linear3(long x, Stage a, Stage b, Stage c) {
    long p = a.add(x);
    long q = b.add(p);
    return c.add(q);
  }

  /** Byte arrays through two stages, far larger than a slot or an Aeron frame. */
  @Graph(maxInflight = 4)
  public static byte[] blobs(byte[] x, Stage a, Stage b) {
    byte[] y = a.stamp(x);
    return b.stamp(y);
  }

  /** Which thread runs the remote actor. */
  @Graph(maxInflight = 4)
  public static String whereRuns(long x, Stage a) {
    return a.thread(x);
  }

  /** One call that may outlast the teardown timeout. */
  @Graph(maxInflight = 2)
  public static long stalls(long millis, Stage a) {
    return a.stall(millis);
  }

  /** A collective whose ring crosses hosts: each participant's copy digested, the digests folded. */
  @Graph(maxInflight = 4)
  public static long ringAcrossHosts(long x, int n, Stage a, Stage b, Stage c) {
    long[] ga = a.ramp(x, n);
    long[] gb = b.ramp(x, n);
    long[] gc = c.ramp(x, n);
    long[] sum = Collectives.allReduce(ReduceOp.SUM, ga, gb, gc);
    long da = a.digest(sum);
    long db = b.digest(sum);
    long dc = c.digest(sum);
    return a.fold(da, db, dc);
  }
}
