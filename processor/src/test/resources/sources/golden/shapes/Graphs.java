package golden.shapes;

import io.cgraph.annotations.Graph;

final class Graphs {
  private Graphs() {}

  static final int VERSION = 3;

  /** Trigger-only actor, input skipping, fan-in, same actor twice, negative and char constants, record output. */
  @Graph(name = "Shapes", maxInflight = 32, bufferBytes = 64)
  static Summary shapes(String prefix, int seed, long extra, Counter counter, Text text, Counter base) {
    long zero = base.start(-7);
    long n = counter.start(seed);
    long sum = counter.add(n, zero);
    long more = counter.add(sum, extra);
    String label = text.label(prefix, more, '#');
    int length = text.length(label);
    return new Summary(more, label, length, more, VERSION);
  }

  /** DESIGN section 2's form: a call returned directly. */
  @Graph
  static int measure(String prefix, Text text, Counter counter) {
    long n = counter.start(-2147483648);
    String label = text.label(prefix, n, '\n');
    return text.length(label);
  }
}
