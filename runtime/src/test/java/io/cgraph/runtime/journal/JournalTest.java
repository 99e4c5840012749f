package io.cgraph.runtime.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.Failure;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.GraphStats;
import io.cgraph.runtime.ThreadsAndFiles;
import io.cgraph.runtime.sample.Parser;
import io.cgraph.runtime.sample.PipelineGraph;
import io.cgraph.runtime.sample.Result;
import io.cgraph.runtime.sample.Scorer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal: written off the hot path, read back typed, replayed, printed, and intact after kill -9. */
class JournalTest {
  private static final Duration BOUND = Duration.ofSeconds(120);

  @TempDir Path channels;
  @TempDir Path journal;
  @TempDir Path childChannels;

  @AfterEach
  void nothingLeft() {
    ThreadsAndFiles.assertNoCgraphThreads();
    ThreadsAndFiles.assertEmpty(channels);
  }

  /** Every 9th line is malformed (parse throws), every 13th has a negative amount (amountScore throws). */
  static String line(int i) {
    if (i % 9 == 4) {
      return "bad " + i;
    }
    return "id" + i + ";" + (i % 13 == 5 ? -i : i) / 4.0 + ";" + (i % 2 == 0 ? "BUY" : "SELL") + ";"
        + (i % 3 == 0 ? "" : "t" + i + ",ü" + (i % 5));
  }

  private GraphOptions options() {
    return GraphOptions.defaults().withChannelDir(channels).withJournal(journal);
  }

  /** What one execution gave the caller: its result or its failure. */
  private record Outcome(Result result, String failureClass, String failureMessage) {
    static Outcome of(PipelineGraph.Ref ref) {
      try {
        return new Outcome(ref.get(), null, null);
      } catch (ActorTaskException e) {
        return new Outcome(null, e.originalClassName(), e.originalMessage());
      }
    }

    static Outcome of(PipelineGraph.Execution e) {
      Failure f = e.failure();
      return f == null ? new Outcome(e.result(), null, null)
          : new Outcome(null, f.className(), f.message());
    }
  }

  private List<Outcome> run(PipelineGraph g, int n, int scale) {
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < n; i += 4) {
      List<PipelineGraph.Ref> refs = new ArrayList<>();
      for (int j = i; j < Math.min(n, i + 4); j++) {
        refs.add(g.execute(line(j), scale));
      }
      for (PipelineGraph.Ref r : refs) {
        outcomes.add(Outcome.of(r));
      }
    }
    return outcomes;
  }

  @Test
  void readBackTypedAndReplayTenThousandExecutions() {
    assertTimeoutPreemptively(BOUND, () -> {
      int n = 10_000;
      List<Outcome> original;
      try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(), options())) {
        original = run(g, n, 3);
        GraphStats.JournalStats js = g.stats().journal();
        assertEquals(0, js.lost());
      }
      List<PipelineGraph.Execution> journaled;
      try (Stream<PipelineGraph.Execution> s = PipelineGraph.readJournal(journal)) {
        journaled = s.collect(Collectors.toList());
      }
      assertEquals(n, journaled.size());
      for (int i = 0; i < n; i++) {
        PipelineGraph.Execution e = journaled.get(i);
        assertEquals(i, e.number());
        assertTrue(e.completed());
        assertEquals(line(i), e.line());
        assertEquals(3, e.scale());
        assertEquals(original.get(i), Outcome.of(e), "execution " + i);
      }
      assertEquals(n / 9 + (n % 9 > 4 ? 1 : 0), journaled.stream().filter(e -> e.failure() != null
          && e.failure().className().equals(IllegalArgumentException.class.getName())).count());

      // replay into a fresh graph on fresh actors: identical results and failures
      List<Outcome> replayed = new ArrayList<>();
      try (PipelineGraph fresh = PipelineGraph.compile(new Parser(), new Scorer(),
          GraphOptions.defaults().withChannelDir(channels))) {
        for (PipelineGraph.Execution e : journaled) {
          replayed.add(Outcome.of(fresh.replay(e)));
        }
      }
      assertEquals(original, replayed);
    });
  }

  @Test
  void inspectorPrintsASmallJournalExactly() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(), options())) {
        g.execute("a;1.5;BUY;x,yy", 2).get();
        try {
          g.execute("bad", 1).get();
        } catch (ActorTaskException expected) {
          // journaled as a failure
        }
        g.execute("b;2;SELL;", 3).get();
      }
      assertEquals(""
          + "PipelineGraph[1] #0 ok inputs {\"line\":\"a;1.5;BUY;x,yy\",\"scale\":2} result"
          + " {\"order\":{\"id\":\"a\",\"amount\":3.0,\"side\":\"BUY\",\"tags\":[\"x\",\"yy\"]},\"score\":65}\n"
          + "PipelineGraph[1] #1 failed inputs {\"line\":\"bad\",\"scale\":1} failure parser.parse threw"
          + " java.lang.IllegalArgumentException: malformed line: bad\n"
          + "PipelineGraph[1] #2 ok inputs {\"line\":\"b;2;SELL;\",\"scale\":3} result"
          + " {\"order\":{\"id\":\"b\",\"amount\":6.0,\"side\":\"SELL\",\"tags\":[]},\"score\":-93}\n",
          inspect(journal.toString()));
      assertEquals("PipelineGraph[1] #1 failed inputs {\"line\":\"bad\",\"scale\":1} failure parser.parse threw"
          + " java.lang.IllegalArgumentException: malformed line: bad\n", inspect("--failed", journal.toString()));
      assertEquals("{\"graph\":\"PipelineGraph\",\"session\":1,\"execution\":2,\"status\":\"ok\",\"inputs\":"
          + "{\"line\":\"b;2;SELL;\",\"scale\":3},\"result\":{\"order\":{\"id\":\"b\",\"amount\":6.0,\"side\":\"SELL\","
          + "\"tags\":[]},\"score\":-93}}\n", inspect("--json", "--execution", "2", journal.toString()));
      assertEquals("{\"graph\":\"PipelineGraph\",\"session\":1,\"execution\":1,\"status\":\"failed\",\"inputs\":"
          + "{\"line\":\"bad\",\"scale\":1},\"failure\":{\"actor\":\"parser\",\"method\":\"parse\",\"class\":"
          + "\"java.lang.IllegalArgumentException\",\"message\":\"malformed line: bad\"}}\n",
          inspect("--json", "--failed", journal.toString()));
    });
  }

  private static String inspect(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = JournalInspector.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void journalSurvivesKill9() {
    assertTimeoutPreemptively(BOUND, () -> {
      int n = 300;
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle")) {
          cmd.add(arg);
        }
      }
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), JournalChildMain.class.getName(),
          journal.toString(), String.valueOf(n), childChannels.toString()));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String l; (l = out.readLine()) != null && !l.equals("journaled " + n); ) {
          lines.add(l);
        }
        assertTrue(p.isAlive(), "child exited early: " + lines);
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no close
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue());
      } finally {
        p.destroyForcibly();
      }
      List<PipelineGraph.Execution> journaled;
      try (Stream<PipelineGraph.Execution> s = PipelineGraph.readJournal(journal)) {
        journaled = s.collect(Collectors.toList());
      }
      assertEquals(n, journaled.size());
      try (PipelineGraph fresh = PipelineGraph.compile(new Parser(), new Scorer(),
          GraphOptions.defaults().withChannelDir(channels))) {
        for (int i = 0; i < n; i++) {
          PipelineGraph.Execution e = journaled.get(i);
          assertEquals(i, e.number());
          assertTrue(e.completed());
          assertEquals(line(i), e.line());
          assertEquals(Outcome.of(fresh.execute(line(i), 1)), Outcome.of(e), "execution " + i);
        }
      }
    });
  }

  @Test
  void executionsWithoutAResultComeLast() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(), options())) {
        g.execute(line(1), 1).get();
        g.execute(line(2), 1); // never read: closing the graph fails it, so its result is never journaled
      }
      try (Stream<PipelineGraph.Execution> s = PipelineGraph.readJournal(journal)) {
        List<PipelineGraph.Execution> all = s.collect(Collectors.toList());
        assertEquals(2, all.size());
        assertTrue(all.get(0).completed());
        assertFalse(all.get(1).completed());
        assertEquals(line(2), all.get(1).line());
        assertNull(all.get(1).result());
        assertNull(all.get(1).failure());
      }
      assertEquals("PipelineGraph[1] #1 no-result inputs {\"line\":\"" + line(2) + "\",\"scale\":1}\n",
          inspect("--execution", "1", journal.toString()));
    });
  }
}
