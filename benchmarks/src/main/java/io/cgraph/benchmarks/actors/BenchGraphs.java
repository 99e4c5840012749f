package io.cgraph.benchmarks.actors;

import io.cgraph.annotations.Collectives;
import io.cgraph.annotations.Graph;
import io.cgraph.annotations.ReduceOp;

/**
 * The graphs under test. The processor generates {@code EchoGraph}, {@code Linear3Graph},
 * {@code DiamondGraph}, {@code PayloadGraph} and the others from these methods; the baselines call the same
 * actor methods, so every implementation does the same work per execution.
 */
public final class BenchGraphs {
  /** In flight at most, for every graph here but the payload one; the Throughput scenario's top window. */
  public static final int MAX_INFLIGHT = 64;

  private BenchGraphs() {}

  /** Echo: driver, one actor, driver. */
  @Graph(maxInflight = MAX_INFLIGHT)
  static long echo(long x, Echo echo) {
    long y = echo.echo(x);
    return y;
  }

  /** Linear3: driver, A, B, C, driver. */
  @Graph(maxInflight = MAX_INFLIGHT)
  static long linear3(long x, Adder a, Adder b, Adder c) {
    long ya = a.add(x);
    long yb = b.add(ya);
    long yc = c.add(yb);
    return yc;
  }

  /** Diamond: the quote fans out to two actors, a third joins their results into a record. */
  @Graph(maxInflight = MAX_INFLIGHT)
  static Decision diamond(Quote quote, Pricer pricer, Limits limits, Approver approver) {
    double notional = pricer.notional(quote);
    long headroom = limits.headroom(quote);
    Decision decision = approver.decide(notional, headroom);
    return decision;
  }

  /** Payload sweep: one hop of a byte array. */
  @Graph(maxInflight = 4)
  static int payload(byte[] data, Sink sink) {
    int n = sink.consume(data);
    return n;
  }

  /** Codecs: one hop of a record (String, two longs, an int); the actor answers a long. */
  @Graph(maxInflight = MAX_INFLIGHT)
  static long codecRecord(TopOfBook quote, Book book) {
    long spread = book.spread(quote);
    return spread;
  }

  /** Codecs: the same fields in a BytesMarshallable with its own write/readMarshallable. */
  @Graph(maxInflight = MAX_INFLIGHT)
  static long codecMarshallable(MarshalledTopOfBook quote, Book book) {
    long spread = book.spreadMarshalled(quote);
    return spread;
  }

  /** Codecs: the same fields in a BytesMarshallable with Chronicle's default marshalling. */
  @Graph(maxInflight = MAX_INFLIGHT)
  static long codecDefault(DefaultTopOfBook quote, Book book) {
    long spread = book.spreadDefault(quote);
    return spread;
  }

  /** AllReduce: four participants sum their parts in a ring; each takes its own copy. */
  @Graph(maxInflight = 2)
  static float allReduce(int n, Part p0, Part p1, Part p2, Part p3) {
    float[] g0 = p0.part(n);
    float[] g1 = p1.part(n);
    float[] g2 = p2.part(n);
    float[] g3 = p3.part(n);
    float[] sum = Collectives.allReduce(ReduceOp.SUM, g0, g1, g2, g3);
    float s0 = p0.take(sum);
    float s1 = p1.take(sum);
    float s2 = p2.take(sum);
    float s3 = p3.take(sum);
    return p0.total(s0, s1, s2, s3);
  }

  /** The same reduction with ordinary calls: gathered to p0, summed there, the sum read back by all four. */
  @Graph(maxInflight = 2)
  static float gatherScatter(int n, Part p0, Part p1, Part p2, Part p3) {
    float[] g0 = p0.part(n);
    float[] g1 = p1.part(n);
    float[] g2 = p2.part(n);
    float[] g3 = p3.part(n);
    float[] sum = p0.sum4(g0, g1, g2, g3);
    float s0 = p0.take(sum);
    float s1 = p1.take(sum);
    float s2 = p2.take(sum);
    float s3 = p3.take(sum);
    return p0.total(s0, s1, s2, s3);
  }
}
