package io.cgraph.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the whole suite in one JMH run (with {@code -prof gc}), then prints one {@code RESULT
 * <scenario> <impl> <metric> <value>} line per scenario and implementation and writes a Markdown
 * report with the machine, every figure, ratios against the baselines of the same run, and the
 * project's targets, each marked met or missed from the figures of this run.
 *
 * <pre>
 * java -cp benchmarks.jar io.cgraph.benchmarks.Suite [--quick] [--out FILE] [--commit ID] [JMH options...]
 * </pre>
 */
public final class Suite {
  private static final String PACKAGE = "io.cgraph.benchmarks.";

  /** One measured (or failed) scenario and implementation; metrics in display order. */
  record Row(String scenario, String impl, Map<String, Double> metrics) {
    Double get(String metric) {
      return metrics.get(metric);
    }
  }

  /** Scenario, headline metric (first is the RESULT line), the baseline ratios are taken against. */
  record Scenario(String name, String headline, boolean higherIsBetter, String baseline) {}

  private Suite() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    String commit = "unknown";
    Path out = Paths.get("benchmarks/results/latest.md");
    List<String> jmhArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick":
          quick = true;
          break;
        case "--out":
          out = Paths.get(args[++i]);
          break;
        case "--commit":
          commit = args[++i];
          break;
        default:
          jmhArgs.add(args[i]);
      }
    }
    CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(new String[0]));
    ChainedOptionsBuilder options = new OptionsBuilder().parent(cli).addProfiler(GCProfiler.class);
    List<String> includes = cli.getIncludes().isEmpty() ? List.of(PACKAGE.replace(".", "\\.") + ".*") : cli.getIncludes();
    if (cli.getIncludes().isEmpty()) {
      options.include(includes.get(0));
    }
    options.exclude(CLUSTER);
    if (quick) {
      if (!cli.getForkCount().hasValue()) {
        options.forks(1);
      }
      options.warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(1)
          .measurementTime(TimeValue.seconds(2));
    }
    long start = System.nanoTime();
    Collection<RunResult> results = new Runner(options.build()).run();
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

    Map<String, Row> rows = new LinkedHashMap<>();
    for (RunResult r : results) {
      for (Row row : rows(r)) {
        rows.put(row.scenario() + " " + row.impl(), row);
      }
    }
    List<String> failed = new ArrayList<>();
    for (String[] expected : expected(includes, cli)) {
      if (!rows.containsKey(expected[0] + " " + expected[1])) {
        failed.add(expected[0] + " " + expected[1]);
      }
    }

    String report = markdown(rows, failed, quick, seconds, commit, String.join(" ", args));
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, report, StandardCharsets.UTF_8);

    PrintStream o = System.out;
    o.println();
    o.println("Report written to " + out);
    for (Row row : sorted(rows.values())) {
      Scenario sc = scenario(row.scenario());
      o.println("RESULT " + row.scenario() + " " + row.impl() + " " + sc.headline() + " " + format(row.get(sc.headline())));
    }
    for (String f : failed) {
      o.println("RESULT " + f + " " + scenario(f.substring(0, f.indexOf(' '))).headline() + " FAILED");
    }
  }

  // ---------------------------------------------------------------- naming

  /** {@code EchoCgraph.cgraph} with {@code cgraphWait=balanced} is scenario echo, impl cgraph-balanced. */
  private static String[] label(String benchmark, Map<String, String> params) {
    String name = benchmark.startsWith(PACKAGE) ? benchmark.substring(PACKAGE.length()) : benchmark;
    String cls = name.substring(0, name.lastIndexOf('.'));
    String method = name.substring(name.lastIndexOf('.') + 1);
    String scenario = cls.replaceAll("(Baselines|Cgraph|Workers)$", "").toLowerCase(Locale.ROOT);
    String impl = method.equals("completableFuture") ? "cf" : method;
    for (String p : List.of("cgraphWait", "cgraphThreads", "disruptorWait", "jfr")) {
      if (params.containsKey(p)) {
        impl += "-" + params.get(p).toLowerCase(Locale.ROOT);
      }
    }
    if (params.containsKey("size")) {
      scenario += "-" + sizeLabel(Integer.parseInt(params.get("size")));
    }
    if (params.containsKey("window")) {
      scenario += "-w" + params.get("window");
    }
    return new String[] {scenario, impl};
  }

  private static String sizeLabel(int bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + "MiB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + "KiB";
    }
    return bytes + "B";
  }

  private static Scenario scenario(String name) {
    if (name.equals("echo-alloc")) {
      return new Scenario(name, "B_per_op", false, null);
    }
    if (name.startsWith("echo")) {
      return new Scenario(name, "p50_us", false, "disruptor-busyspin");
    }
    if (name.equals("shared")) {
      return new Scenario(name, "ops_per_s", true, "alone-balanced");
    }
    if (name.startsWith("linear3") || name.startsWith("diamond") || name.startsWith("throughput")) {
      return new Scenario(name, "ops_per_s", true, "disruptor-yielding");
    }
    if (name.startsWith("tensorhop")) {
      return new Scenario(name, "p50_us", false, "deviceCopy");
    }
    if (name.startsWith("allreduce")) {
      return new Scenario(name, "ops_per_s", true, "handLoop");
    }
    if (name.equals("codecs")) {
      return new Scenario(name, "ops_per_s", true, "record-balanced");
    }
    if (name.startsWith("payload")) {
      return new Scenario(name, "MB_per_s", true, "arraycopy");
    }
    if (name.equals("idle-wakeup")) {
      return new Scenario(name, "p50_us", false, "disruptor-blocking");
    }
    if (name.equals("idle-cpu")) {
      return new Scenario(name, "pct_core", false, null);
    }
    return new Scenario(name, "score", true, null);
  }

  // ---------------------------------------------------------------- figures

  @SuppressWarnings("rawtypes") // RunResult hands out raw Results
  private static List<Row> rows(RunResult r) {
    BenchmarkParams bp = r.getParams();
    Map<String, String> params = new TreeMap<>();
    for (Object k : bp.getParamsKeys()) {
      params.put((String) k, bp.getParam((String) k));
    }
    String[] label = label(bp.getBenchmark(), params);
    Map<String, Result> secondary = r.getSecondaryResults();
    Result<?> primary = r.getPrimaryResult();
    Map<String, Double> m = new LinkedHashMap<>();
    List<Row> out = new ArrayList<>();
    if (bp.getMode() == Mode.SampleTime) {
      org.openjdk.jmh.util.Statistics st = primary.getStatistics();
      double toMicros = toMicros(bp.getTimeUnit());
      m.put("p50_us", st.getPercentile(50) * toMicros);
      m.put("p99_us", st.getPercentile(99) * toMicros);
      m.put("p99.9_us", st.getPercentile(99.9) * toMicros);
      m.put("samples", (double) st.getN());
    } else {
      double opsPerSecond = primary.getScore() / toSeconds(bp.getTimeUnit());
      if (params.containsKey("size")) {
        m.put("MB_per_s", opsPerSecond * Integer.parseInt(params.get("size")) / 1e6);
      }
      m.put("ops_per_s", opsPerSecond);
    }
    Result<?> alloc = secondary.get("gc.alloc.rate.norm");
    if (alloc != null) {
      m.put("alloc_B_per_op", alloc.getScore());
    }
    if (label[0].equals("idle")) {
      out.add(new Row("idle-wakeup", label[1], m));
      Result<?> cpu = secondary.get("idleCpuNanos");
      Result<?> wall = secondary.get("idleWallNanos");
      if (cpu != null && wall != null && wall.getScore() > 0) {
        Map<String, Double> idle = new LinkedHashMap<>();
        idle.put("pct_core", 100.0 * cpu.getScore() / wall.getScore());
        idle.put("idle_s", wall.getScore() / 1e9);
        out.add(new Row("idle-cpu", label[1], idle));
      }
    } else {
      out.add(new Row(label[0], label[1], m));
    }
    if (label[0].equals("echo") && alloc != null) {
      out.add(new Row("echo-alloc", label[1], Map.of("B_per_op", alloc.getScore())));
    }
    return out;
  }

  private static double toMicros(TimeUnit unit) {
    return unit.toNanos(1_000_000) / 1e9;
  }

  private static double toSeconds(TimeUnit unit) {
    return unit.toNanos(1_000_000) / 1e15;
  }

  /** Every scenario and implementation the run was asked for, to name the ones that failed. */
  /** The cross-host scenarios need their namespaces and hosts: benchmarks/cluster.sh runs them, never this suite. */
  private static final String CLUSTER = PACKAGE.replace(".", "\\.") + "cluster\\..*";

  private static List<String[]> expected(List<String> includes, CommandLineOptions cli) {
    List<String[]> out = new ArrayList<>();
    BenchmarkList list = BenchmarkList.defaultList();
    List<String> excludes = new ArrayList<>(cli.getExcludes());
    excludes.add(CLUSTER);
    for (BenchmarkListEntry e : list.find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
        includes, excludes)) {
      List<Map<String, String>> combos = new ArrayList<>();
      combos.add(new TreeMap<>());
      Map<String, String[]> declared = e.getParams().orElse(Map.of());
      for (Map.Entry<String, String[]> p : declared.entrySet()) {
        Collection<String> values = cli.getParameter(p.getKey()).hasValue() ? cli.getParameter(p.getKey()).get()
            : List.of(p.getValue());
        List<Map<String, String>> next = new ArrayList<>();
        for (Map<String, String> c : combos) {
          for (String v : values) {
            Map<String, String> n = new TreeMap<>(c);
            n.put(p.getKey(), v);
            next.add(n);
          }
        }
        combos = next;
      }
      for (Map<String, String> c : combos) {
        String[] l = label(e.getUsername(), c);
        if (l[0].equals("idle")) {
          out.add(new String[] {"idle-wakeup", l[1]});
        } else {
          out.add(l);
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- report

  private static List<Row> sorted(Collection<Row> rows) {
    List<String> order = List.of("echo", "echo-alloc", "linear3", "diamond", "payload", "codecs", "allreduce", "tensorhop", "throughput", "idle-wakeup",
        "idle-cpu");
    List<Row> out = new ArrayList<>(rows);
    out.sort((a, b) -> {
      int c = Integer.compare(rank(order, a.scenario()), rank(order, b.scenario()));
      if (c == 0) {
        c = Long.compare(sortKey(a.scenario()), sortKey(b.scenario()));
      }
      if (c == 0) {
        c = a.scenario().compareTo(b.scenario());
      }
      if (c == 0) {
        c = Boolean.compare(!a.impl().startsWith("cgraph"), !b.impl().startsWith("cgraph"));
      }
      return c != 0 ? c : a.impl().compareTo(b.impl());
    });
    return out;
  }

  private static int rank(List<String> order, String scenario) {
    for (int i = order.size() - 1; i >= 0; i--) {
      if (scenario.equals(order.get(i)) || scenario.startsWith(order.get(i) + "-")) {
        return i;
      }
    }
    return order.size();
  }

  /** Numeric suffix (window, bytes), so 64B sorts before 4KiB. */
  private static long sortKey(String scenario) {
    String s = scenario.substring(scenario.lastIndexOf('-') + 1);
    long mult = s.endsWith("MiB") ? 1 << 20 : s.endsWith("KiB") ? 1 << 10 : 1;
    String digits = s.replaceAll("[^0-9]", "");
    return digits.isEmpty() ? 0 : Long.parseLong(digits) * mult;
  }

  private static String markdown(Map<String, Row> rows, List<String> failed, boolean quick, long seconds, String commit,
      String args) {
    StringBuilder md = new StringBuilder();
    md.append("# cgraph benchmarks\n\n");
    md.append("Generated by `benchmarks/run.sh").append(args.isEmpty() ? "" : " " + args).append("` — do not edit; rerun.\n\n");
    md.append("| machine | |\n|---|---|\n");
    md.append("| code | ").append(commit).append(" |\n");
    md.append("| date | ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" |\n");
    md.append("| nproc | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
    md.append("| CPU | ").append(cpuModel()).append(" |\n");
    md.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.runtime.version")).append(" |\n");
    md.append("| load average (1/5/15 min) at the end | ").append(loadAverage()).append(" |\n");
    md.append("| mode | ").append(quick ? "quick (1 fork, 1×1 s warm-up, 1×2 s measurement: indicative only)"
        : "full").append(", JMH run took ").append(seconds).append(" s |\n\n");
    md.append("Ratios are against the named baseline of this same run. Latency ratios: lower is better; "
        + "throughput ratios: higher is better. On a shared 2-core host figures move between runs: compare within one run.\n");

    Map<String, List<Row>> byScenario = new LinkedHashMap<>();
    for (Row row : sorted(rows.values())) {
      byScenario.computeIfAbsent(row.scenario(), k -> new ArrayList<>()).add(row);
    }
    for (Map.Entry<String, List<Row>> e : byScenario.entrySet()) {
      Scenario sc = scenario(e.getKey());
      List<String> metrics = new ArrayList<>();
      for (Row row : e.getValue()) {
        for (String k : row.metrics().keySet()) {
          if (!metrics.contains(k)) {
            metrics.add(k);
          }
        }
      }
      Row base = sc.baseline() == null ? null : rows.get(e.getKey() + " " + sc.baseline());
      md.append("\n## ").append(e.getKey()).append("\n\n| impl | ").append(String.join(" | ", metrics));
      if (base != null) {
        md.append(" | ").append(sc.headline()).append(" / ").append(sc.baseline());
      }
      md.append(" |\n|---").append("|---:".repeat(metrics.size() + (base != null ? 1 : 0))).append("|\n");
      for (Row row : e.getValue()) {
        md.append("| ").append(row.impl());
        for (String k : metrics) {
          md.append(" | ").append(format(row.get(k)));
        }
        if (base != null) {
          md.append(" | ").append(ratio(row.get(sc.headline()), base.get(sc.headline())));
        }
        md.append(" |\n");
      }
    }
    if (!failed.isEmpty()) {
      md.append("\n## Failed or missing\n\n");
      for (String f : failed) {
        md.append("- ").append(f).append(" (no result: see the JMH output for the error)\n");
      }
    }
    md.append("\n## Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
    target(md, "Echo p50: cgraph-busyspin within 1.3× of disruptor-busyspin",
        div(val(rows, "echo", "cgraph-busyspin", "p50_us"), val(rows, "echo", "disruptor-busyspin", "p50_us")), "×", r -> r <= 1.3);
    target(md, "Echo p99: cgraph-busyspin within 3× of disruptor-busyspin",
        div(val(rows, "echo", "cgraph-busyspin", "p99_us"), val(rows, "echo", "disruptor-busyspin", "p99_us")), "×", r -> r <= 3.0);
    target(md, "Echo p50: cgraph-balanced faster than disruptor-yielding",
        div(val(rows, "echo", "cgraph-balanced", "p50_us"), val(rows, "echo", "disruptor-yielding", "p50_us")), "×", r -> r < 1.0);
    target(md, "Echo p50: cf ≥ 100× slower than cgraph-balanced",
        div(val(rows, "echo", "cf", "p50_us"), val(rows, "echo", "cgraph-balanced", "p50_us")), "×", r -> r >= 100);
    target(md, "Echo p50: actor in a worker process (workers-balanced) within 2× of in-process cgraph-balanced",
        div(val(rows, "echo", "workers-balanced", "p50_us"), val(rows, "echo", "cgraph-balanced", "p50_us")), "×", r -> r <= 2.0);
    target(md, "Echo throughput, 16 in flight: cgraph-balanced ≥ 0.5× disruptor-yielding",
        div(val(rows, "throughput-w16", "cgraph-balanced", "ops_per_s"), val(rows, "throughput-w16", "disruptor-yielding",
            "ops_per_s")), "×", r -> r >= 0.5);
    target(md, "Linear3 throughput: the three actors on one ActorThread (cgraph-balanced-shared) ≥ disruptor-yielding",
        div(val(rows, "linear3", "cgraph-balanced-shared", "ops_per_s"), val(rows, "linear3", "disruptor-yielding",
            "ops_per_s")), "×", r -> r >= 1.0);
    target(md, "Linear3 throughput: a thread per actor (cgraph-balanced-own) ≥ disruptor-yielding",
        div(val(rows, "linear3", "cgraph-balanced-own", "ops_per_s"), val(rows, "linear3", "disruptor-yielding",
            "ops_per_s")), "×", r -> r >= 1.0);
    target(md, "Linear3 throughput, for context: each actor in its own worker (workers-balanced) / cgraph-balanced-own",
        div(val(rows, "linear3", "workers-balanced", "ops_per_s"), val(rows, "linear3", "cgraph-balanced-own",
            "ops_per_s")), "×", r -> r >= 0.5);
    target(md, "Diamond throughput: the three actors on one ActorThread (cgraph-balanced-shared) ≥ disruptor-yielding",
        div(val(rows, "diamond", "cgraph-balanced-shared", "ops_per_s"), val(rows, "diamond", "disruptor-yielding",
            "ops_per_s")), "×", r -> r >= 1.0);
    target(md, "Diamond throughput: a thread per actor (cgraph-balanced-own) ≥ disruptor-yielding",
        div(val(rows, "diamond", "cgraph-balanced-own", "ops_per_s"), val(rows, "diamond", "disruptor-yielding",
            "ops_per_s")), "×", r -> r >= 1.0);
    target(md, "Two graphs sharing one actor: each at ≥ 0.8× of one graph alone",
        div(val(rows, "shared", "twoGraphs-balanced", "ops_per_s"), val(rows, "shared", "alone-balanced", "ops_per_s")),
        "×", r -> r >= 0.8);
    target(md, "1 MiB payload: cgraph ≥ 40% of arraycopy bandwidth",
        div(val(rows, "payload-1MiB", "cgraph-balanced", "MB_per_s"), val(rows, "payload-1MiB", "arraycopy", "MB_per_s")), "×", r -> r >= 0.40);
    target(md, "1 MiB payload, for context: cgraph / a copy into a fresh array (the receiver owns its bytes)",
        div(val(rows, "payload-1MiB", "cgraph-balanced", "MB_per_s"), val(rows, "payload-1MiB", "freshArraycopy",
            "MB_per_s")), "×", r -> r >= 0.40);
    target(md, "Allocation: ≤ 1 small object per Echo execution (the Ref: 56 B with its long value), cgraph-balanced",
        val(rows, "echo", "cgraph-balanced", "alloc_B_per_op"), " B/op", b -> b < 64);
    target(md, "Idle: cgraph-balanced actor thread < 5% of a core",
        val(rows, "idle-cpu", "cgraph-balanced", "pct_core"), " %", p -> p < 5);
    target(md, "Idle: cgraph-balanced wake-up p50 < 100 µs",
        val(rows, "idle-wakeup", "cgraph-balanced", "p50_us"), " µs", p -> p < 100);
    return md.toString();
  }

  private static Double val(Map<String, Row> rows, String scenario, String impl, String metric) {
    Row r = rows.get(scenario + " " + impl);
    return r == null ? null : r.get(metric);
  }

  private static Double div(Double a, Double b) {
    return a == null || b == null || b == 0 ? null : a / b;
  }

  private static void target(StringBuilder md, String what, Double measured, String unit,
      java.util.function.DoublePredicate met) {
    md.append("| ").append(what).append(" | ");
    if (measured == null) {
      md.append("not measured | — |\n");
    } else {
      md.append(format(measured)).append(unit).append(" | ").append(met.test(measured) ? "met" : "**missed**").append(" |\n");
    }
  }

  private static String ratio(Double a, Double b) {
    Double r = div(a, b);
    return r == null ? "—" : String.format(Locale.ROOT, "%.3g", r);
  }

  static String format(Double v) {
    if (v == null) {
      return "—";
    }
    double a = Math.abs(v);
    if (a >= 1000 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " / " + f[1] + " / " + f[2] + " (other processes share these CPUs when above ~1)";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Paths.get("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
