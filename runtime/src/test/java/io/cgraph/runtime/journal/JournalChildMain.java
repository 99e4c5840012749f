package io.cgraph.runtime.journal;

import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.sample.Parser;
import io.cgraph.runtime.sample.PipelineGraph;
import io.cgraph.runtime.sample.Scorer;
import java.nio.file.Path;

/**
 * Child JVM of {@link JournalTest#journalSurvivesKill9}: journals {@code n} executions to
 * {@code args[0]}, waits until the journal thread appended them all, says so, and waits to be killed.
 */
public final class JournalChildMain {
  public static void main(String[] args) throws Exception {
    Path journal = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(),
        GraphOptions.defaults().withChannelDir(Path.of(args[2])).withJournal(journal));
    for (int i = 0; i < n; i++) {
      try {
        g.execute(JournalTest.line(i), 1).get();
      } catch (RuntimeException expected) {
        // failures are journaled too
      }
    }
    while (g.stats().journal().appended() < 1 + 2L * n) { // the session header, then an input and a result each
      Thread.sleep(1);
    }
    System.out.println("journaled " + n);
    System.out.flush();
    Thread.sleep(600_000); // killed by the test
  }
}
