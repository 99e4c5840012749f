package io.cgraph.graphtests;

import io.cgraph.annotations.Graph;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Graphs of every shape. Called directly, each method is its graph's reference semantics; the
 * processor generates a graph class for each (e.g. {@code single} → {@code SingleGraph}).
 */
final class Graphs {
  private Graphs() {}

  static final String SUFFIX = "-é-😀";

  /** A single call. */
  @Graph
  static int single(int x, Arith a) {
    return a.twice(x);
  }

  /** A chain across three actors. */
  @Graph(maxInflight = 4)
  static long chain(int x, Arith a, Arith b, Arith c) {
    int y = a.twice(x);
    long w = b.widen(y);
    return c.negate(w);
  }

  /** The same actor called several times, one value passed on locally, one across a channel. */
  @Graph
  static long sameActor(int x, int y, Arith a, Arith b) {
    int p = a.twice(x);
    int q = a.add(p, y);
    long w = a.widen(q);
    long n = b.negate(w);
    return a.negate(n);
  }

  /** Fan-out: one value read by two actors. */
  @Graph(maxInflight = 16)
  static Pair fanOut(int x, Arith a, Arith b, Arith c) {
    int y = a.twice(x);
    int left = b.add(y, 1);
    int right = c.add(y, -1);
    return new Pair(left, right);
  }

  /** Fan-in: one call reading values of two other actors. */
  @Graph
  static int fanIn(int x, int y, Arith a, Arith b, Arith c) {
    int p = a.twice(x);
    int q = b.twice(y);
    return c.add(p, q);
  }

  /** Several inputs of several types, read by different actors. */
  @Graph
  static String severalInputs(String s, int n, double d, boolean flag, Strings str, Arith a) {
    double scaled = a.scale(d, 2.5);
    return str.describe(s, n, scaled, flag);
  }

  /** Constant arguments of every literal kind, negative ones included; one actor needs only the trigger. */
  @Graph
  static String constants(String s, Strings str, Arith a) {
    String mixed = a.mix(-9_000_000_000L, 'x', -1.5f, -0.25, true, "tab\there \"q\" é😀", -2147483648);
    String suffixed = str.concat(s, SUFFIX);
    return str.concat(suffixed, mixed);
  }

  /** A record return (multi-output): values of two actors, one of them twice. */
  @Graph
  static Summary multi(String text, Strings str, Arith a) {
    int points = str.codePoints(text);
    long widened = a.widen(points);
    String reversed = str.reverse(text);
    return new Summary(reversed, points, widened, reversed, points);
  }

  /** A failure in the first call skips the second; the graph stays usable. */
  @Graph
  static int failing(int x, Arith a, Arith b) {
    int y = a.checked(x);
    return b.twice(y);
  }

  /** Stateful actors: each call depends on all earlier ones, in program and submission order. */
  @Graph
  static long stateful(long x, Accumulator acc, Accumulator calls, Arith a) {
    long total = acc.add(x);
    long again = acc.add(total);
    long count = calls.count(again);
    long negated = a.negate(count);
    return acc.add(negated);
  }

  /** Strings of any content, null included, across two channels. */
  @Graph
  static String strings(String s, Echo a, Echo b) {
    String once = a.string(s);
    return b.string(once);
  }

  /** Every transferable type through the input channel, then a record of all of them across channels. */
  @Graph(maxInflight = 8, bufferBytes = 64)
  static AllTypes everyType(
      boolean z, byte b, short s, char c, int i, long l, float f, double d,
      Boolean boxedZ, Byte boxedB, Short boxedS, Character boxedC, Integer boxedI, Long boxedL, Float boxedF,
      Double boxedD,
      String text, Color color,
      boolean[] zs, byte[] bs, short[] ss, char[] cs, int[] is, long[] ls, float[] fs, double[] ds,
      ByteBuffer buffer, Nested nested, List<Point> points, List<List<Integer>> grid, List<Color> colors,
      Echo packer, Echo relay) {
    AllTypes packed = packer.pack(z, b, s, c, i, l, f, d, boxedZ, boxedB, boxedS, boxedC, boxedI, boxedL, boxedF,
        boxedD, text, color, zs, bs, ss, cs, is, ls, fs, ds, buffer, nested, points, grid, colors);
    return relay.all(packed);
  }

  /** Instants, UUIDs, decimals, a BytesMarshallable and durations as inputs, across channels, and in a record. */
  @Graph
  static Nested.Inner javaValues(Instant at, UUID key, BigDecimal price, Quote quote, Duration delay, Echo a,
      Echo b) {
    Instant t = a.instant(at);
    UUID k = b.uuid(key);
    BigDecimal p = a.decimal(price);
    Quote q = a.quote(quote);
    Duration d = b.duration(delay);
    return b.stamp(t, k, p, q, d);
  }

  /** Lists of lists and lists of nested records, each crossing two channels. */
  @Graph
  static Lists lists(List<List<Integer>> grid, List<Nested> nested, Echo a, Echo b) {
    List<List<Integer>> g = a.grid(grid);
    List<List<Integer>> back = b.grid(g);
    List<Nested> n = b.nested(nested);
    List<Nested> both = a.nested(n);
    return new Lists(back, both);
  }
}
