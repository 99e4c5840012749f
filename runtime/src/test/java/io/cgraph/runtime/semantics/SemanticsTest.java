package io.cgraph.runtime.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.CapacityExceededException;
import io.cgraph.runtime.ChannelTimeoutException;
import io.cgraph.runtime.GraphBrokenException;
import io.cgraph.runtime.GraphClosedException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.RefAlreadyConsumedException;
import io.cgraph.runtime.ThreadsAndFiles;
import io.cgraph.runtime.WaitStrategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN.md section 4, row by row, on real channels and threads. */
class SemanticsTest {
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
  void capacityWaitsForSubmitTimeoutThenFails() {
    assertTimeoutPreemptively(BOUND, () -> {
      Echo echo = new Echo();
      try (EchoGraph g = EchoGraph.compile(echo, options().withMaxInflight(2)
          .withSubmitTimeout(Duration.ofMillis(200)))) {
        EchoGraph.Ref blocked = g.execute(Echo.WAIT);
        EchoGraph.Ref queued = g.execute(5);
        long start = System.nanoTime();
        CapacityExceededException e = assertThrows(CapacityExceededException.class, () -> g.execute(6));
        assertTrue(System.nanoTime() - start >= 150_000_000L, "waited for the submit timeout");
        assertTrue(e.getMessage().contains("submit timeout"), e.getMessage());
        echo.gate.countDown();
        assertEquals(0, blocked.get());
        assertEquals(12, g.execute(6).get());
        assertEquals(10, queued.get());
      }
    });
  }

  @Test
  void theBufferLimitFailsAtOnceNamingTheUnreadExecutions() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EchoGraph g = EchoGraph.compile(new Echo(), options().withMaxInflight(2).withMaxBufferedResults(3)
          .withSubmitTimeout(Duration.ofSeconds(30)))) {
        List<EchoGraph.Ref> unread = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          EchoGraph.Ref r = g.execute(i + 1);
          while (!r.isDone()) { // its result arrives and waits in the buffer
            Thread.onSpinWait();
          }
          unread.add(r);
        }
        long start = System.nanoTime();
        CapacityExceededException e = assertThrows(CapacityExceededException.class, () -> g.execute(4));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "failed at once, not after the 30 s timeout");
        assertTrue(e.getMessage().startsWith("EchoGraph: 3 results have arrived and are not read (executions #0, #1"
            + " and #2), the limit of maxBufferedResults = 3, and no thread is reading them"), e.getMessage());
        assertEquals(4, unread.get(1).get());
        assertEquals(8, g.execute(4).get(), "one read frees one place; the failed execute submitted nothing");
        assertEquals(2, unread.get(0).get());
        assertEquals(6, unread.get(2).get());
      }
    });
  }

  @Test
  void unreadResultsLeaveThePipeline() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EchoGraph g = EchoGraph.compile(new Echo(), options().withMaxInflight(2)
          .withSubmitTimeout(Duration.ofSeconds(30)))) {
        List<EchoGraph.Ref> refs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          refs.add(g.execute(i)); // 50 unread Refs with two executions in the pipeline: results wait in the buffer
        }
        for (int i = 49; i >= 0; i--) {
          assertEquals(2L * i, refs.get(i).get());
        }
      }
    });
  }

  @Test
  void droppedRefsNeverHoldThePipeline() {
    assertTimeoutPreemptively(BOUND, () -> {
      // Ray's sequence: execute, drop the Ref, execute, ... with no collection while the buffer has room.
      try (EchoGraph g = EchoGraph.compile(new Echo(), options().withMaxInflight(2)
          .withSubmitTimeout(Duration.ofMillis(20)))) {
        for (int i = 0; i < 200; i++) {
          g.execute(i);
        }
        assertEquals(6, g.execute(3).get());
      }
    });
  }

  @Test
  void droppedRefsAtTheBufferLimitAreCollectedNotCounted() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EchoGraph g = EchoGraph.compile(new Echo(), options().withMaxInflight(2).withMaxBufferedResults(4)
          .withSubmitTimeout(Duration.ofSeconds(30)))) {
        for (int i = 0; i < 100; i++) {
          g.execute(i); // each time 4 dropped results fill the buffer, the collected ones are freed
        }
        assertEquals(6, g.execute(3).get());
      }
    });
  }

  @Test
  void getIsSingleUseAndOutOfOrderReadsKeepResults() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EchoGraph g = EchoGraph.compile(new Echo(), options())) {
        List<EchoGraph.Ref> refs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          refs.add(g.execute(i));
        }
        for (int i = 9; i >= 0; i--) {
          assertFalse(refs.get(i).isConsumed());
          assertEquals(2L * i, refs.get(i).get());
          assertTrue(refs.get(i).isConsumed());
        }
        RefAlreadyConsumedException e = assertThrows(RefAlreadyConsumedException.class, () -> refs.get(3).get());
        assertTrue(e.getMessage().contains("execution #3"), e.getMessage());
      }
    });
  }

  @Test
  void getTimeoutLeavesTheRefReadable() {
    assertTimeoutPreemptively(BOUND, () -> {
      Echo echo = new Echo();
      try (EchoGraph g = EchoGraph.compile(echo, options())) {
        EchoGraph.Ref ref = g.execute(Echo.WAIT);
        ChannelTimeoutException e = assertThrows(ChannelTimeoutException.class, () -> ref.get(Duration.ofMillis(50)));
        assertTrue(e.getMessage().contains("execution #0"), e.getMessage());
        assertThrows(ChannelTimeoutException.class, () -> ref.get(Duration.ZERO));
        assertFalse(ref.isDone());
        echo.gate.countDown();
        assertEquals(0, ref.get());
      }
    });
  }

  @Test
  void zeroTimeoutPollsOnce() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EchoGraph g = EchoGraph.compile(new Echo(), options())) {
        EchoGraph.Ref ref = g.execute(21);
        while (!ref.isDone()) {
          Thread.onSpinWait();
        }
        assertEquals(42, ref.get(Duration.ZERO));
      }
    });
  }

  @Test
  void actorExceptionFailsThatExecutionOnly() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EchoGraph g = EchoGraph.compile(new Echo(), options())) {
        EchoGraph.Ref before = g.execute(1);
        EchoGraph.Ref bad = g.execute(Echo.THROW);
        EchoGraph.Ref after = g.execute(3);
        ActorTaskException e = assertThrows(ActorTaskException.class, bad::get);
        assertEquals("echo", e.actor());
        assertEquals("apply", e.method());
        assertEquals(1, e.execution());
        assertEquals("java.lang.IllegalStateException", e.originalClassName());
        assertTrue(e.getMessage().startsWith("EchoGraph execution #1: echo.apply threw java.lang.IllegalStateException:"
            + " bad input -2"), e.getMessage());
        assertEquals(Echo.class.getName(), e.getCause().getStackTrace()[0].getClassName());
        assertEquals(2, before.get());
        assertEquals(6, after.get());
      }
    });
  }

  @Test
  void anErrorBreaksTheGraphAndCloseReleasesTheActor() {
    assertTimeoutPreemptively(BOUND, () -> {
      Echo echo = new Echo();
      EchoGraph g = EchoGraph.compile(echo, options());
      EchoGraph.Ref dies = g.execute(Echo.DIE);
      GraphBrokenException e = assertThrows(GraphBrokenException.class, dies::get);
      assertTrue(e.getMessage().contains("actor 'echo'"), e.getMessage());
      assertTrue(e.getMessage().contains("actor died on purpose"), e.getMessage());
      assertInstanceOf(AssertionError.class, e.getCause());
      assertThrows(GraphBrokenException.class, () -> g.execute(1));
      g.close();
      try (EchoGraph again = EchoGraph.compile(echo, options())) {
        assertEquals(8, again.execute(4).get());
      }
    });
  }

  @Test
  void closeFailsPendingGetsAndInterruptsWaitingActors() {
    assertTimeoutPreemptively(BOUND, () -> {
      Echo echo = new Echo();
      EchoGraph g = EchoGraph.compile(echo, options());
      EchoGraph.Ref ref = g.execute(Echo.WAIT);
      echo.entered.await();
      AtomicReference<Throwable> seen = new AtomicReference<>();
      Thread getter = new Thread(() -> {
        try {
          ref.get(Duration.ofSeconds(30));
        } catch (Throwable t) {
          seen.set(t);
        }
      });
      getter.start();
      while (getter.getState() == Thread.State.NEW || getter.getState() == Thread.State.RUNNABLE) {
        Thread.onSpinWait();
      }
      long start = System.nanoTime();
      g.close();
      assertTrue(System.nanoTime() - start < 5_000_000_000L, "close interrupted the waiting actor, not waited 30 s");
      getter.join();
      assertInstanceOf(GraphClosedException.class, seen.get());
      assertThrows(GraphClosedException.class, () -> g.execute(1));
      g.close();
    });
  }

  @Test
  void closeAbandonsAnActorStuckInUserCodeAfterTheTeardownTimeout() {
    assertTimeoutPreemptively(BOUND, () -> {
      Echo echo = new Echo();
      EchoGraph g = EchoGraph.compile(echo, options().withTeardownTimeout(Duration.ofMillis(200)));
      g.execute(Echo.STUCK);
      echo.entered.await();
      long start = System.nanoTime();
      g.close();
      assertTrue(System.nanoTime() - start < 5_000_000_000L, "close did not hang");
      echo.release.countDown();
    });
  }

  @Test
  void aGraphThatBecomesUnreachableIsClosed() {
    assertTimeoutPreemptively(BOUND, () -> {
      Echo echo = new Echo();
      compileAndDrop(echo);
      while (!ThreadsAndFiles.cgraphThreads().isEmpty()) {
        System.gc();
        Thread.sleep(10);
      }
      try (EchoGraph again = EchoGraph.compile(echo, options())) {
        assertEquals(2, again.execute(1).get());
      }
    });
  }

  private void compileAndDrop(Echo echo) {
    EchoGraph g = EchoGraph.compile(echo, options());
    assertEquals(2, g.execute(1).get());
  }

  @Test
  void executeAsyncCompletesWithValueOrTheExceptionsOfGet() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (EchoGraph g = EchoGraph.compile(new Echo(), options())) {
        var ok = g.executeAsync(20);
        var bad = g.executeAsync(Echo.THROW);
        assertEquals(40L, ok.get(30, TimeUnit.SECONDS));
        ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
        assertInstanceOf(ActorTaskException.class, e.getCause());
      }
    });
  }

  @Test
  void severalThreadsExecuteAndGetConcurrently() {
    for (WaitStrategy wait : List.of(WaitStrategy.balanced(), WaitStrategy.yielding())) {
      assertTimeoutPreemptively(BOUND, () -> {
        try (EchoGraph g = EchoGraph.compile(new Echo(), options().withMaxInflight(16).withWaitStrategy(wait))) {
          ExecutorService pool = Executors.newFixedThreadPool(4);
          try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
              long base = t * 1_000_000L;
              done.add(pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                  EchoGraph.Ref a = g.execute(base + i);
                  EchoGraph.Ref b = g.execute(base + i + 500_000);
                  assertEquals(2 * (base + i + 500_000), b.get());
                  assertEquals(2 * (base + i), a.get());
                }
                return 2_000;
              }));
            }
            for (Future<Integer> f : done) {
              assertEquals(2_000, f.get());
            }
          } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
          }
        }
      });
    }
  }

  @Test
  void stressWithFailuresAndTimeoutsAccountsForEveryRef() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      try (EchoGraph g = EchoGraph.compile(new Echo(), options().withMaxInflight(32))) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
          List<Future<long[]>> results = new ArrayList<>();
          for (int t = 0; t < 4; t++) {
            int seed = t;
            results.add(pool.submit(() -> {
              Random rnd = new Random(seed);
              long ok = 0;
              long failed = 0;
              long timeouts = 0;
              for (int i = 0; i < 10_000; i++) {
                boolean fail = rnd.nextInt(10) == 0;
                long x = fail ? Echo.THROW : rnd.nextInt(1_000_000);
                EchoGraph.Ref ref = g.execute(x);
                for (;;) {
                  try {
                    long y = rnd.nextBoolean() ? ref.get(Duration.ofNanos(rnd.nextInt(20_000))) : ref.get();
                    assertFalse(fail);
                    assertEquals(2 * x, y);
                    ok++;
                    break;
                  } catch (ChannelTimeoutException e) {
                    timeouts++;
                  } catch (ActorTaskException e) {
                    assertTrue(fail);
                    failed++;
                    break;
                  }
                }
                assertTrue(ref.isConsumed());
              }
              return new long[] {ok, failed, timeouts};
            }));
          }
          long total = 0;
          for (Future<long[]> f : results) {
            long[] r = f.get();
            total += r[0] + r[1];
          }
          assertEquals(40_000, total);
        } finally {
          pool.shutdownNow();
          assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
      }
    });
  }
}
