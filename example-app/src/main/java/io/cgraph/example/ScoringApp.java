package io.cgraph.example;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.ActorThread;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.GraphStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Runs the order-scoring graph over generated orders: first one at a time (latency), then with
 * several executions in flight (throughput). Every result, and every failure, is checked against
 * the sequential reference: the {@code @Graph} method called directly on its own actors.
 */
public final class ScoringApp {
  static final double[] WEIGHTS = {-4.0, 0.35, -0.4, -0.3, 1.2, 0.08, 0.6, -0.5};
  static final Set<String> BLOCKED = Set.of("XX");
  static final double MAX_NOTIONAL = 2_000_000;
  static final int IN_FLIGHT = 8;

  private ScoringApp() {}

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    List<String> lines = generate(n, new Random(2026));

    // The sequential reference, timed after a warm-up run (so that the JIT has compiled the stages for
    // it as it will have for the graph runs that follow).
    reference(lines.subList(0, Math.min(n, 50_000)));
    long t0 = System.nanoTime();
    List<Object> expected = reference(lines);
    long referenceNanos = System.nanoTime() - t0;

    Histogram latency = new Histogram(3_600_000_000_000L, 3);
    Tally tally = new Tally();
    int latencyPhase = Math.min(n, Math.max(1, n / 10));
    long groupedNanos;
    // The stages on two shared threads, balanced by their work: parse, amount features and the risk
    // check on one; history features and the model on the other. The calling thread only submits
    // and reads, so two cores run the five stages in parallel.
    ActorThread front = ActorThread.named("front");
    ActorThread back = ActorThread.named("back");
    try (ScoreOrderGraph graph = ScoreOrderGraph.compile(front.place(new OrderParser()),
        front.place(new AmountFeatures()), back.place(new HistoryFeatures()), back.place(new RiskModel(WEIGHTS)),
        front.place(new RiskCheck(BLOCKED, MAX_NOTIONAL)), GraphOptions.defaults())) {
      // Phase 1: one execution at a time, for latency.
      for (int i = 0; i < latencyPhase; i++) {
        long start = System.nanoTime();
        ScoreOrderGraph.Ref ref = graph.execute(lines.get(i));
        Object actual = outcome(ref);
        latency.recordValue(System.nanoTime() - start);
        tally.check(i, lines.get(i), expected.get(i), actual);
      }
      // Phase 2: IN_FLIGHT executions in flight, for throughput.
      long start = System.nanoTime();
      pipelined(graph, lines, expected, latencyPhase, tally);
      groupedNanos = System.nanoTime() - start;
      Path dot = Path.of("target", "pipeline.dot");
      Files.createDirectories(dot.getParent());
      Files.writeString(dot, ScoreOrderGraph.toDot());
      System.out.println("graph written to " + dot.toAbsolutePath() + renderSvg(dot));
      System.out.println("stats: " + graph.stats());
      for (GraphStats.ActorStats a : graph.stats().actors()) {
        System.out.println("  " + a.name() + " runs on " + a.thread());
      }
    }
    // The same graph with the default placement: one thread per actor (five threads on two cores).
    Tally ownThreads = new Tally();
    long ownNanos;
    try (ScoreOrderGraph graph = ScoreOrderGraph.compile(new OrderParser(), new AmountFeatures(),
        new HistoryFeatures(), new RiskModel(WEIGHTS), new RiskCheck(BLOCKED, MAX_NOTIONAL), GraphOptions.defaults())) {
      long start = System.nanoTime();
      pipelined(graph, lines, expected, 0, ownThreads);
      ownNanos = System.nanoTime() - start;
    }

    System.out.println();
    System.out.println("cgraph example: order scoring, parse -> (amount || history) -> model -> risk check");
    for (Decision d : tally.shown) {
      System.out.println("  " + d);
    }
    System.out.printf(Locale.ROOT, "orders: %,d (%,d malformed, each failed with ActorTaskException as in the reference)%n",
        n, tally.failures);
    System.out.println("verdicts: " + tally.verdicts);
    System.out.printf(Locale.ROOT, "latency, 1 in flight, %,d executions: p50 %.1f us, p90 %.1f us, p99 %.1f us, "
            + "p99.9 %.1f us, max %.1f us%n", latencyPhase,
        latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(90) / 1e3,
        latency.getValueAtPercentile(99) / 1e3, latency.getValueAtPercentile(99.9) / 1e3, latency.getMaxValue() / 1e3);
    double sequential = n / (referenceNanos / 1e9);
    double grouped = (n - latencyPhase) / (groupedNanos / 1e9);
    double own = n / (ownNanos / 1e9);
    System.out.printf(Locale.ROOT, "throughput, %d in flight, actors on 2 shared threads: %,.0f executions/s"
        + " (%.2fx the sequential reference)%n", IN_FLIGHT, grouped, grouped / sequential);
    System.out.printf(Locale.ROOT, "throughput, %d in flight, one thread per actor:      %,.0f executions/s"
        + " (%.2fx)%n", IN_FLIGHT, own, own / sequential);
    System.out.printf(Locale.ROOT, "sequential reference on the calling thread:          %,.0f executions/s%n",
        sequential);
    System.out.println("(on " + Runtime.getRuntime().availableProcessors() + " cores: with stages of a few"
        + " microseconds, two balanced shared threads beat one thread doing everything; five actor threads plus the"
        + " caller contend for the cores)");
    int mismatches = tally.mismatches + ownThreads.mismatches;
    int gpuMismatches = GpuStage.run(lines);
    if (mismatches > 0 || gpuMismatches > 0) {
      System.out.println("FAILED: " + mismatches + " results differ from the sequential reference, " + gpuMismatches
          + " GPU scores from the CPU result");
      System.exit(1);
    }
    System.out.printf(Locale.ROOT, "verified: all %,d results of both runs equal the sequential reference%n", n);
  }

  /** Renders {@code dot} to {@code pipeline.svg} beside it when Graphviz's {@code dot} is installed; says what happened. */
  private static String renderSvg(Path dot) {
    Path svg = dot.resolveSibling("pipeline.svg");
    try {
      Process p = new ProcessBuilder("dot", "-Tsvg", "-o", svg.toString(), dot.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (p.waitFor() == 0) {
        return " and " + svg.toAbsolutePath();
      }
      return " (dot failed: " + out.strip() + ")";
    } catch (IOException e) {
      return " (install Graphviz to get pipeline.svg, or run: dot -Tsvg " + dot + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Runs {@code lines[from..]} through {@code graph} with {@link #IN_FLIGHT} in flight, checking each result. */
  static void pipelined(ScoreOrderGraph graph, List<String> lines, List<Object> expected, int from,
      Tally tally) {
    ArrayDeque<ScoreOrderGraph.Ref> window = new ArrayDeque<>();
    int next = from;
    for (int i = from; i < lines.size(); i++) {
      window.add(graph.execute(lines.get(i)));
      if (window.size() == IN_FLIGHT) {
        tally.check(next, lines.get(next), expected.get(next), outcome(window.poll()));
        next++;
      }
    }
    while (!window.isEmpty()) {
      tally.check(next, lines.get(next), expected.get(next), outcome(window.poll()));
      next++;
    }
  }

  /** What the runs found: mismatches against the reference, failures, verdicts, a few decisions to show. */
  static final class Tally {
    int mismatches;
    int failures;
    final Map<Decision.Verdict, Integer> verdicts = new EnumMap<>(Decision.Verdict.class);
    final List<Decision> shown = new ArrayList<>();

    void check(int i, String line, Object expected, Object actual) {
      if (!Objects.equals(expected, actual)) {
        System.out.println("MISMATCH at order " + i + " (" + line + "): expected " + expected + ", got " + actual);
        mismatches++;
      }
      if (actual instanceof Decision d) {
        verdicts.merge(d.verdict(), 1, Integer::sum);
        if (shown.size() < 3 || (shown.size() < 5 && d.verdict() != Decision.Verdict.ACCEPT)) {
          shown.add(d);
        }
      } else {
        failures++;
      }
    }
  }

  /** The decision, or "ExceptionClass: message" of the failure. */
  static Object outcome(ScoreOrderGraph.Ref ref) {
    try {
      return ref.get();
    } catch (ActorTaskException e) {
      return e.originalClassName() + ": " + e.originalMessage();
    }
  }

  static List<Object> reference(List<String> lines) {
    OrderParser parser = new OrderParser();
    AmountFeatures amounts = new AmountFeatures();
    HistoryFeatures history = new HistoryFeatures();
    RiskModel model = new RiskModel(WEIGHTS);
    RiskCheck risk = new RiskCheck(BLOCKED, MAX_NOTIONAL);
    List<Object> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      try {
        out.add(Pipelines.scoreOrder(line, parser, amounts, history, model, risk));
      } catch (RuntimeException e) {
        out.add(e.getClass().getName() + ": " + e.getMessage());
      }
    }
    return out;
  }

  static List<String> generate(int n, Random rnd) {
    String[] customers = new String[500];
    for (int i = 0; i < customers.length; i++) {
      customers[i] = "cust-" + i;
    }
    String[] symbols = {"ACME", "GLOBX", "INITECH", "UMBRL", "WAYNE", "STARK", "ÆTHER"};
    String[] countries = {"DE", "FR", "US", "JP", "BR", "IN", "XX"};
    List<String> lines = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (rnd.nextInt(5000) == 0) {
        lines.add("malformed order " + i);
        continue;
      }
      int quantity = rnd.nextInt(10) == 0 ? (1 + rnd.nextInt(50)) * 100 : 1 + rnd.nextInt(5000);
      double price = Math.round((1 + rnd.nextDouble() * 999) * 100) / 100.0;
      String country = rnd.nextInt(200) == 0 ? "XX" : countries[rnd.nextInt(countries.length - 1)];
      lines.add(i + "," + customers[rnd.nextInt(customers.length)] + "," + symbols[rnd.nextInt(symbols.length)] + ","
          + (rnd.nextBoolean() ? "BUY" : "SELL") + "," + quantity + "," + price + "," + country);
    }
    return lines;
  }
}
