package io.cgraph.benchmarks.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the cross-host benchmarks in one run (started by {@code benchmarks/cluster.sh} inside the
 * driver's namespace) and writes their ratios to {@code benchmarks/results/cluster.md}.
 * Arguments: {@code --quick} (1 fork, 1 s warm-up, 3 s measurement), {@code --out FILE},
 * {@code --commit C}, {@code --extra TEXT} (lines added to the report, e.g. idle CPU).
 */
public final class ClusterSuite {
  private ClusterSuite() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path out = Path.of("benchmarks/results/cluster.md");
    String commit = "unknown";
    StringBuilder extra = new StringBuilder();
    String only = "";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> out = Path.of(args[++i]);
        case "--commit" -> commit = args[++i];
        case "--extra" -> extra.append(args[++i]).append('\n');
        case "--only" -> only = args[++i];
        default -> throw new IllegalArgumentException(args[i]);
      }
    }
    String[] props = {"cgraph.bench.self", "cgraph.bench.seed", "cgraph.bench.pong", "cgraph.bench.idle",
        "cgraph.bench.assist"};
    ChainedOptionsBuilder o = new OptionsBuilder().include("io\\.cgraph\\.benchmarks\\.cluster\\..*" + only);
    for (String p : props) {
      o.jvmArgsAppend("-D" + p + "=" + Bench.property(p));
    }
    String forkArgs = System.getenv("CGRAPH_BENCH_FORK_ARGS"); // e.g. a JFR recording while profiling
    if (forkArgs != null && !forkArgs.isBlank()) {
      o.jvmArgsAppend(forkArgs.trim().split("\\s+"));
    }
    String param = System.getenv("CGRAPH_BENCH_PARAM"); // name=value: one value of a parameter only
    if (param != null && param.contains("=")) {
      o.param(param.substring(0, param.indexOf('=')), param.substring(param.indexOf('=') + 1));
    }
    if (quick) {
      o.forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(1)
          .measurementTime(TimeValue.seconds(3));
    }
    Collection<RunResult> results = new Runner(o.build()).run();
    Map<String, double[]> r = new LinkedHashMap<>();
    for (RunResult rr : results) {
      String name = rr.getParams().getBenchmark().replaceAll(".*\\.cluster\\.", "");
      String layout = rr.getParams().getParam("layout");
      if (layout == null) {
        layout = rr.getParams().getParam("aeronMode");
      }
      var stats = rr.getPrimaryResult().getStatistics();
      String key = name + (layout == null ? "" : "-" + layout);
      r.put(key, new double[] {stats.getPercentile(50), stats.getPercentile(99), rr.getPrimaryResult().getScore()});
      System.out.printf(Locale.ROOT, "RESULT %s p50 %.1f p99 %.1f score %.1f%n", key, stats.getPercentile(50),
          stats.getPercentile(99), rr.getPrimaryResult().getScore());
    }
    StringBuilder md = new StringBuilder("# cgraph across hosts: benchmark report\n\n");
    md.append("Commit ").append(commit).append("; ").append(quick ? "quick run (1 fork, 1 s warm-up, 3 s measurement)"
        : "full run").append("; each host a network namespace with its own /dev/shm, joined by a bridge (veth);")
        .append(" data idle strategy ").append(Bench.idle()).append("; ")
        .append(Runtime.getRuntime().availableProcessors()).append(" CPUs shared by every host.\n\n");
    md.append("| scenario | cgraph | baseline (same run) | ratio | target |\n|---|---|---|---|---|\n");
    double[] ec = r.get("EchoCluster.cgraph");
    for (String mode : new String[] {"invoker", "shared"}) {
      double[] ea = r.get("EchoAeron.aeron-" + mode);
      if (ec != null && ea != null) {
        md.append(String.format(Locale.ROOT, "| Echo p50, actor on another host | %.1f µs | raw Aeron ping-pong, %s"
            + " driver, %.1f µs | %.2f× | ≤ 1.5× |%n", ec[0] / 1e3, mode, ea[0] / 1e3, ec[0] / ea[0]));
        md.append(String.format(Locale.ROOT, "| Echo p99, actor on another host | %.1f µs | raw Aeron, %s driver, %.1f µs"
            + " | %.2f× | |%n", ec[1] / 1e3, mode, ea[1] / 1e3, ec[1] / ea[1]));
      }
    }
    double[] l3 = r.get("Linear3Cluster.cgraph-threeHosts");
    double[] l1 = r.get("Linear3Cluster.cgraph-oneHost");
    if (l3 != null && l1 != null) {
      md.append(String.format(Locale.ROOT, "| Linear3, 16 in flight, A, B, C on three hosts | %.0f k/s | all on one"
          + " host %.0f k/s | %.2f× | |%n", l3[2] / 1e3, l1[2] / 1e3, l3[2] / l1[2]));
    }
    md.append('\n').append(extra);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md.toString());
    System.out.println(md);
  }
}
