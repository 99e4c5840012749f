package example;

import io.cgraph.runtime.RemoteActor;
import io.cgraph.runtime.Workers;

/**
 * The same graph with the tokenizer in a worker process, started with default settings: run under
 * {@code mvn exec:java}, where the JVM's class path is Maven's own, the worker still finds the
 * application and cgraph.
 */
public final class WithWorker {
  private WithWorker() {}

  public static void main(String[] args) {
    float[] weights = {0.5f, -1f, 2f};
    try (Workers workers = Workers.create(1)) {
      RemoteActor<Tokenizer> tok = workers.spawn(Tokenizer.class);
      try (ScoringGraph graph = ScoringGraph.compile(tok, io.cgraph.runtime.Placement.local(new Model(weights)),
          io.cgraph.runtime.GraphOptions.defaults())) {
        for (int i = 0; i < 100; i++) {
          String text = "text " + i;
          float got = graph.execute(text).get();
          float want = Pipelines.scoring(text, new Tokenizer(), new Model(weights));
          if (got != want) {
            throw new AssertionError("execution " + i + ": " + got + ", the reference says " + want);
          }
        }
        System.out.println("consumer: 100 results from a worker (" + graph.stats().actors().get(0).thread()
            .replaceAll("pid \\d+", "pid N") + ") equal the sequential reference");
      }
    }
  }
}
