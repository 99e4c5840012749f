package io.cgraph.runtime.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.CapacityExceededException;
import io.cgraph.runtime.GraphClosedException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.ThreadsAndFiles;
import io.cgraph.runtime.WaitStrategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code executeAsync}: futures completed by the result path (no thread of the graph's own), with no
 * timeout of their own, and counted like unread Refs until the program looks at them.
 */
class FuturesTest {
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

  @Test
  void aDependentStageCompletesWithNoThreadOfTheGraphsOwn() {
    for (WaitStrategy wait : List.of(WaitStrategy.balanced(), WaitStrategy.yielding(), WaitStrategy.busySpin())) {
      assertTimeoutPreemptively(BOUND, () -> {
        try (EchoGraph g = EchoGraph.compile(new Echo(), options().withWaitStrategy(wait))) {
          // Nobody calls get or join on the graph's future: only its dependent stage is waited on.
          CompletableFuture<Long> plusOne = g.executeAsync(20).thenApply(x -> x + 1);
          assertEquals(41L, plusOne.get(30, TimeUnit.SECONDS), wait.name());
          List<CompletableFuture<Long>> many = new ArrayList<>();
          for (int i = 0; i < 500; i++) {
            many.add(g.executeAsync(i).thenApply(x -> x + 1));
          }
          for (int i = 0; i < 500; i++) {
            assertEquals(2L * i + 1, many.get(i).get(30, TimeUnit.SECONDS), wait.name());
          }
          for (Thread t : Thread.getAllStackTraces().keySet()) {
            assertFalse(t.getName().endsWith("-async"), "no async thread of the graph's own: " + t.getName());
          }
        }
      });
    }
  }

  @Test
  void unobservedCompletedFuturesCountAgainstTheBuffer() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EchoGraph g = EchoGraph.compile(new Echo(), options().withMaxInflight(2).withMaxBufferedResults(3)
          .withSubmitTimeout(Duration.ofSeconds(30)))) {
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          CompletableFuture<Long> f = g.executeAsync(i + 1);
          while (!f.isDone()) { // completed by the result path; isDone does not count as looking at it
            Thread.onSpinWait();
          }
          futures.add(f);
        }
        CapacityExceededException e = assertThrows(CapacityExceededException.class, () -> g.executeAsync(4));
        assertTrue(e.getMessage().startsWith("EchoGraph: 3 results have arrived and are not read (executions #0, #1"
            + " and #2, all completed executeAsync futures that nobody has looked at), the limit of maxBufferedResults"
            + " = 3"), e.getMessage());
        assertEquals(4L, futures.get(1).join());
        assertEquals(8L, g.executeAsync(4).get(30, TimeUnit.SECONDS), "a join frees its place");
        assertEquals(2L, futures.get(0).getNow(-1L));
        assertEquals(6L, futures.get(2).get());
      }
    });
  }

  @Test
  void futuresWithDependentStagesNeverCount() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EchoGraph g = EchoGraph.compile(new Echo(), options().withMaxInflight(2).withMaxBufferedResults(1)
          .withSubmitTimeout(Duration.ofSeconds(30)))) {
        List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          done.add(g.executeAsync(i).thenAccept(seen::add));
        }
        CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(seen);
        java.util.Collections.sort(sorted);
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 100; i++) {
          expected.add(2 * i);
        }
        assertEquals(expected, sorted, "every dependent stage ran once (on whichever thread delivered)");
      }
    });
  }

  @Test
  void aTimedGetTimesOutWithoutFailingTheFuture() {
    assertTimeoutPreemptively(BOUND, () -> {
      Echo echo = new Echo();
      try (EchoGraph g = EchoGraph.compile(echo, options())) {
        CompletableFuture<Long> slow = g.executeAsync(Echo.WAIT);
        TimeoutException e = assertThrows(TimeoutException.class, () -> slow.get(50, TimeUnit.MILLISECONDS));
        assertTrue(e.getMessage().contains("execution #0"), e.getMessage());
        assertFalse(slow.isDone());
        echo.gate.countDown();
        assertEquals(0L, slow.join());
      }
    });
  }

  @Test
  void anActorFailureCompletesTheFutureExceptionally() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EchoGraph g = EchoGraph.compile(new Echo(), options())) {
        CompletableFuture<Long> bad = g.executeAsync(Echo.THROW);
        CompletableFuture<String> handled = bad.handle((v, t) -> t.getClass().getSimpleName() + ": "
            + t.getCause().getClass().getSimpleName());
        assertEquals("ActorTaskException: IllegalStateException", handled.get(30, TimeUnit.SECONDS));
        ExecutionException e = assertThrows(ExecutionException.class, bad::get);
        assertInstanceOf(IllegalStateException.class, e.getCause().getCause(), "the actor's own exception");
        assertEquals(6L, g.executeAsync(3).join(), "the graph stays usable");
      }
    });
  }

  @Test
  void closeCompletesPendingFuturesBeforeItReturns() {
    assertTimeoutPreemptively(BOUND, () -> {
      Echo echo = new Echo();
      EchoGraph g = EchoGraph.compile(echo, options().withTeardownTimeout(Duration.ofSeconds(5)));
      CompletableFuture<Long> first = g.executeAsync(Echo.WAIT);
      CompletableFuture<Long> second = g.executeAsync(7).thenApply(x -> x);
      echo.entered.await();
      g.close();
      assertTrue(first.isCompletedExceptionally() && second.isCompletedExceptionally(), first + " " + second);
      CompletionException e = assertThrows(CompletionException.class, first::join);
      assertInstanceOf(GraphClosedException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains("execution #0 was pending"), e.getCause().getMessage());
      echo.gate.countDown();
    });
  }

  @Test
  void aStageThatBlocksOnAnotherFutureDoesNotHoldItUp() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EchoGraph g = EchoGraph.compile(new Echo(), options())) {
        for (int round = 0; round < 50; round++) {
          // Both results may be delivered in one batch: the first's stage waits for a stage of the second.
          CompletableFuture<Long> f1 = g.executeAsync(1);
          CompletableFuture<Long> f2 = g.executeAsync(2);
          CompletableFuture<Long> second = f2.thenApply(x -> x);
          CompletableFuture<Long> first = f1.thenApply(v -> v + second.join());
          assertEquals(6L, first.get(30, TimeUnit.SECONDS));
        }
      }
    });
  }

  @Test
  void aNegativeTimeoutPollsOnce() {
    assertTimeoutPreemptively(BOUND, () -> {
      Echo echo = new Echo();
      try (EchoGraph g = EchoGraph.compile(echo, options())) {
        CompletableFuture<Long> slow = g.executeAsync(Echo.WAIT);
        assertThrows(TimeoutException.class, () -> slow.get(-1, TimeUnit.SECONDS));
        echo.gate.countDown();
        assertEquals(0L, slow.join());
      }
    });
  }

  @Test
  void closingFromAnInterruptedThreadStillSaysClosed() {
    assertTimeoutPreemptively(BOUND, () -> {
      Echo echo = new Echo();
      EchoGraph g = EchoGraph.compile(echo, options().withTeardownTimeout(Duration.ofSeconds(5)));
      CompletableFuture<Long> pending = g.executeAsync(Echo.WAIT);
      echo.entered.await();
      Thread.currentThread().interrupt();
      try {
        g.close();
      } finally {
        Thread.interrupted();
      }
      CompletionException e = assertThrows(CompletionException.class, pending::join);
      assertInstanceOf(GraphClosedException.class, e.getCause(), String.valueOf(e.getCause()));
      // The interrupt did not cut the teardown short: the actor thread stopped (nothingLeft checks it).
      echo.gate.countDown();
    });
  }
}
