package io.cgraph.graphtests.executors;

import io.cgraph.annotations.Graph;
import io.cgraph.graphtests.Accumulator;
import io.cgraph.graphtests.Strings;

/** Graphs for the executor tests: one actor, a chain of three, and a shape whose first actor waits on itself. */
final class SharedGraphs {
  private SharedGraphs() {}

  /** One call. */
  @Graph(maxInflight = 8)
  static long once(long x, Recorder r) {
    return r.record(x);
  }

  /** Three stateful stages: results depend on every earlier call of each stage, so they prove order. */
  @Graph(maxInflight = 4)
  static long stages(long x, Accumulator a, Accumulator b, Accumulator c) {
    long p = a.add(x);
    long q = b.add(p);
    return c.add(q);
  }

  /** {@code a} waits, within one execution, for {@code b}, which waits for {@code a}: a needs a thread of its own. */
  @Graph
  static long pingPong(long x, Accumulator a, Accumulator b) {
    long p = a.add(x);
    long q = b.add(p);
    return a.add(q);
  }

  /** A failure of the first actor forwarded by two more before it reaches the driver. */
  @Graph
  static long forwarded(long x, Thrower t, Accumulator b, Accumulator c) {
    long y = t.check(x);
    long z = b.add(y);
    return c.add(z);
  }

  /** Ray's TestFastFail: one branch fails at once, the other is slow; both are outputs. */
  @Graph(maxInflight = 4)
  static Both fastFail(long x, Sleeper slow, Thrower fast) {
    long a = slow.hold(x);
    long b = fast.check(x);
    return new Both(a, b);
  }

  /** The same, but the branches meet in a third actor before the output. */
  @Graph(maxInflight = 4)
  static long fastFailFanIn(long x, Sleeper slow, Thrower fast, Sleeper join) {
    long a = slow.hold(x);
    long b = fast.check(x);
    return join.sum(a, b);
  }

  /** Two string stages: messages that outgrow their slots make the rings grow mid-batch. */
  @Graph(maxInflight = 4, bufferBytes = 64)
  static String grow(String s, Strings a, Strings b) {
    String x = a.concat(s, "!");
    return b.concat(x, "?");
  }

  /** One string stage whose result is one character longer than its input; slots start at 64 bytes. */
  @Graph(bufferBytes = 64)
  static String plusOne(String s, Strings a) {
    return a.concat(s, "+");
  }

  /** A result that may nest as deeply as the caller asks. */
  @Graph
  static Link chain(int n, Chains c) {
    return c.build(n);
  }

  /** An input that may nest as deeply as the caller sends. */
  @Graph
  static int chainLength(Link l, Chains c) {
    return c.length(l);
  }
}
