package io.cgraph.cluster.graphs;

import io.cgraph.annotations.Graph;

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
}
