package io.cgraph.runtime.observe;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.sample.PipelineGraph;
import java.util.ArrayList;
import java.util.List;

/** A known pipeline workload: every 10th line is malformed (parse throws), every 7th other one has a negative amount. */
final class Workload {
  static final int N = 140;
  /** Executions 0, 10, ..., 130. */
  static final int MALFORMED = 14;
  /** Multiples of 7 below 140 (20) that are not multiples of 10 (0 and 70 are): 18. */
  static final int NEGATIVE = 18;

  private Workload() {}

  static String line(int i) {
    if (i % 10 == 0) {
      return "malformed " + i;
    }
    return "id" + i + ";" + (i % 7 == 0 ? -i : i) + ";" + (i % 2 == 0 ? "BUY" : "SELL") + ";t" + i;
  }

  /** Runs the workload, taking results in batches of {@code batch}; returns the failed execution numbers. */
  static List<Integer> run(PipelineGraph g, int batch) {
    List<Integer> failed = new ArrayList<>();
    for (int from = 0; from < N; from += batch) {
      List<PipelineGraph.Ref> refs = new ArrayList<>();
      for (int i = from; i < Math.min(N, from + batch); i++) {
        refs.add(g.execute(line(i), 2));
      }
      for (PipelineGraph.Ref r : refs) {
        try {
          r.get();
        } catch (ActorTaskException e) {
          failed.add((int) r.execution());
        }
      }
    }
    return failed;
  }
}
