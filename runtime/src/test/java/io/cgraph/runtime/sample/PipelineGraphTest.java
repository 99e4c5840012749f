package io.cgraph.runtime.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.ActorBusyException;
import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.GraphClosedException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.MessageTooLargeException;
import io.cgraph.runtime.RefAlreadyConsumedException;
import io.cgraph.runtime.ThreadsAndFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written PipelineGraph against the sequential reference, on real channels and threads. */
class PipelineGraphTest {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path channels;

  private GraphOptions options() {
    return GraphOptions.defaults().withChannelDir(channels);
  }

  @AfterEach
  void nothingLeft() {
    ThreadsAndFiles.assertNoCgraphThreads();
    ThreadsAndFiles.assertEmpty(channels);
  }

  static String randomLine(Random rnd) {
    StringBuilder tags = new StringBuilder();
    int n = rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        tags.append(',');
      }
      tags.append(i % 2 == 0 ? "tag" + rnd.nextInt(1000) : "ünï€😀".substring(0, 1 + rnd.nextInt(4)));
    }
    return "id" + rnd.nextInt(1_000_000) + ";" + rnd.nextInt(10_000) / 100.0 + ";" + (rnd.nextBoolean() ? "BUY" : "SELL")
        + ";" + tags;
  }

  @Test
  void matchesSequentialReferenceOverThousandsOfInputs() {
    assertTimeoutPreemptively(BOUND, () -> {
      Random rnd = new Random(42);
      Parser parser = new Parser();
      Scorer scorer = new Scorer();
      try (PipelineGraph g = PipelineGraph.compile(parser, scorer, options())) {
        for (int i = 0; i < 5_000; i++) {
          String line = randomLine(rnd);
          int scale = rnd.nextInt(5) + 1;
          assertEquals(Pipelines.pipeline(line, scale, parser, scorer), g.execute(line, scale).get());
        }
      }
    });
  }

  @Test
  void pipelinedExecutionsAndOutOfOrderReads() {
    assertTimeoutPreemptively(BOUND, () -> {
      Random rnd = new Random(7);
      Parser parser = new Parser();
      Scorer scorer = new Scorer();
      try (PipelineGraph g = PipelineGraph.compile(parser, scorer, options())) {
        for (int round = 0; round < 500; round++) {
          List<String> lines = new ArrayList<>();
          List<PipelineGraph.Ref> refs = new ArrayList<>();
          for (int i = 0; i < 4; i++) {
            lines.add(randomLine(rnd));
            refs.add(g.execute(lines.get(i), 2));
          }
          for (int i = 3; i >= 0; i--) {
            assertEquals(Pipelines.pipeline(lines.get(i), 2, parser, scorer), refs.get(i).get());
          }
        }
      }
    });
  }

  @Test
  void actorExceptionFailsOnlyThatExecution() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(), options())) {
        PipelineGraph.Ref bad = g.execute("not an order", 1);
        PipelineGraph.Ref negative = g.execute("x;-5;BUY;a", 1);
        PipelineGraph.Ref good = g.execute("y;2;SELL;ab,c", 1);
        ActorTaskException e = assertThrows(ActorTaskException.class, bad::get);
        assertEquals("parser", e.actor());
        assertEquals("parse", e.method());
        assertEquals(0, e.execution());
        // In process the cause is the exception the actor threw, not a carrier of its name.
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals("java.lang.IllegalArgumentException", e.originalClassName());
        assertEquals("malformed line: not an order", cause.getMessage());
        assertEquals("malformed line: not an order", e.originalMessage());
        assertEquals("io.cgraph.runtime.sample.Parser", cause.getStackTrace()[0].getClassName());
        ActorTaskException e2 = assertThrows(ActorTaskException.class, negative::get);
        assertEquals("scorer", e2.actor());
        assertEquals("amountScore", e2.method());
        assertEquals(new Result(new io.cgraph.runtime.sample.Order("y", 2.0, Side.SELL, List.of("ab", "c")), -31 + 3),
            good.get());
        assertThrows(RefAlreadyConsumedException.class, good::get);
      }
    });
  }

  @Test
  void executeAsyncCompletesWithValueOrFailure() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(), options())) {
        CompletableFuture<Result> ok = g.executeAsync("a;1;BUY;", 3);
        CompletableFuture<Result> bad = g.executeAsync("broken", 3);
        assertEquals(new Result(new Order("a", 3.0, Side.BUY, List.of()), 2 * 31), ok.get(30, TimeUnit.SECONDS));
        ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
        assertInstanceOf(ActorTaskException.class, e.getCause());
      }
    });
  }

  @Test
  void closeStopsThreadsDeletesChannelsAndReleasesActors() {
    assertTimeoutPreemptively(BOUND, () -> {
      Parser parser = new Parser();
      Scorer scorer = new Scorer();
      PipelineGraph g = PipelineGraph.compile(parser, scorer, options());
      g.execute("a;1;BUY;x", 1).get();
      try (PipelineGraph second = PipelineGraph.compile(new Parser(), scorer, options())) {
        // The scorer serves both graphs, on its one thread.
        assertEquals(Pipelines.pipeline("c;3;BUY;ab", 2, new Parser(), new Scorer()), second.execute("c;3;BUY;ab", 2).get());
        assertEquals(3, ThreadsAndFiles.cgraphThreads().size(), "parser, scorer, and the second graph's parser");
      }
      assertEquals(Pipelines.pipeline("d;4;SELL;", 1, parser, scorer), g.execute("d;4;SELL;", 1).get());
      assertTrue(ThreadsAndFiles.cgraphThreads().size() >= 2);
      try (var dirs = Files.list(channels)) {
        assertEquals(1, dirs.count());
      }
      g.close();
      g.close();
      assertThrows(GraphClosedException.class, () -> g.execute("a;1;BUY;x", 1));
      ThreadsAndFiles.assertNoCgraphThreads();
      ThreadsAndFiles.assertEmpty(channels);
      try (PipelineGraph again = PipelineGraph.compile(parser, scorer, options())) {
        assertEquals(Pipelines.pipeline("b;2;SELL;", 1, parser, scorer), again.execute("b;2;SELL;", 1).get());
      }
    });
  }

  @Test
  void pendingGetFailsWhenGraphCloses() {
    assertTimeoutPreemptively(BOUND, () -> {
      Parser parser = new Parser();
      PipelineGraph g = PipelineGraph.compile(parser, new Scorer(), options());
      PipelineGraph.Ref r = g.execute("a;1;BUY;x", 1);
      r.get();
      PipelineGraph.Ref never = g.execute("b;1;BUY;x", 1);
      g.close();
      assertFalse(never.isConsumed());
      // the result either arrived before close (then it is returned) or get fails with GraphClosedException
      try {
        never.get();
      } catch (GraphClosedException expected) {
        // fine
      }
    });
  }

  @Test
  void tooLargeValuesFailClearlyAndTheGraphStaysUsable() {
    assertTimeoutPreemptively(BOUND, () -> {
      Parser parser = new Parser();
      Scorer scorer = new Scorer();
      try (PipelineGraph g = PipelineGraph.compile(parser, scorer, options().withMaxMessageBytes(1 << 20))) {
        String hugeInput = "id;1;BUY;" + "x".repeat(2 << 20);
        MessageTooLargeException e = assertThrows(MessageTooLargeException.class, () -> g.execute(hugeInput, 1));
        assertTrue(e.getMessage().startsWith("PipelineGraph.execute (its encoded inputs): a message of at least"),
            e.getMessage());
        assertTrue(e.getMessage().contains("GraphOptions.withMaxMessageBytes"), e.getMessage());
        // 300,000 one-letter tags: about 600 KB of input, but about 1.5 MB once parsed into a List<String>
        String manyTags = "id;1;BUY;" + "a,".repeat(300_000) + "a";
        PipelineGraph.Ref tooLargeResult = g.execute(manyTags, 1);
        PipelineGraph.Ref fine = g.execute("ok;3;BUY;t", 1);
        ActorTaskException failed = assertThrows(ActorTaskException.class, tooLargeResult::get);
        assertEquals("parser", failed.actor());
        assertEquals(MessageTooLargeException.class.getName(), failed.originalClassName());
        assertEquals(Pipelines.pipeline("ok;3;BUY;t", 1, parser, scorer), fine.get());
        assertEquals(0, tooLargeResult.execution());
        assertEquals(1, fine.execution());
      }
    });
  }
}
