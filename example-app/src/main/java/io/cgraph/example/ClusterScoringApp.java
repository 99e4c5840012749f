package io.cgraph.example;

import io.cgraph.cluster.CGraphCluster;
import io.cgraph.cluster.ClusterOptions;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.RemoteActor;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The order-scoring example across hosts: parsing, amount features and the risk check run here;
 * history features and the model run on a host agent with role {@code model}, reached over the
 * network (Aeron for data, Pekko Cluster for control). Every result is checked against the
 * sequential reference. {@code cluster-demo.sh} runs it with the agent in a network namespace.
 *
 * <p>Arguments: {@code --bind HOST:PORT --seed HOST:PORT [--orders N]}.
 */
public final class ClusterScoringApp {
  private ClusterScoringApp() {}

  public static void main(String[] args) {
    String bind = null;
    String seed = null;
    int n = 50_000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--bind" -> bind = args[i + 1];
        case "--seed" -> seed = args[i + 1];
        case "--orders" -> n = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (bind == null || seed == null) {
      System.err.println("usage: ClusterScoringApp --bind HOST:PORT --seed HOST:PORT [--orders N]");
      System.exit(2);
    }
    int colon = bind.lastIndexOf(':');
    List<String> lines = ScoringApp.generate(n, new Random(2026));
    List<Object> expected = ScoringApp.reference(lines);
    try (CGraphCluster cluster = CGraphCluster.join(ClusterOptions.builder().name("example-driver")
        .bind(bind.substring(0, colon), Integer.parseInt(bind.substring(colon + 1))).seed(seed).build())) {
      System.out.println("hosts: " + cluster.awaitHosts(1, Duration.ofSeconds(60)));
      RemoteActor<HistoryFeatures> history = cluster.spawn("model", HistoryFeatures.class);
      RemoteActor<RiskModel> model = cluster.spawn("model", RiskModel.class, (Object) ScoringApp.WEIGHTS);
      System.out.println("history on " + history.workerName() + ", model on " + model.workerName());
      ScoringApp.Tally tally = new ScoringApp.Tally();
      long start;
      long nanos;
      try (ScoreOrderGraph graph = ScoreOrderGraph.compile(Placement.local(new OrderParser()),
          Placement.local(new AmountFeatures()), history, model,
          Placement.local(new RiskCheck(ScoringApp.BLOCKED, ScoringApp.MAX_NOTIONAL)), GraphOptions.defaults())) {
        start = System.nanoTime();
        ScoringApp.pipelined(graph, lines, expected, 0, tally);
        nanos = System.nanoTime() - start;
        System.out.println("stats: " + graph.stats());
      }
      System.out.printf(Locale.ROOT, "orders: %,d across hosts, %d in flight: %,.0f executions/s; verdicts %s,"
          + " %,d malformed (ActorTaskException, as in the reference)%n", n, ScoringApp.IN_FLIGHT,
          n / (nanos / 1e9), tally.verdicts, tally.failures);
      if (tally.mismatches > 0) {
        System.out.println("FAILED: " + tally.mismatches + " results differ from the sequential reference");
        System.exit(1);
      }
      System.out.printf(Locale.ROOT, "verified: all %,d results equal the sequential reference%n", n);
    }
  }
}
