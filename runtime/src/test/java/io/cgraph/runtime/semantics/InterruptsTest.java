package io.cgraph.runtime.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.GraphClosedException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.ThreadsAndFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Interrupted waits in execute and get return promptly; a Ref pending at close is done. */
class InterruptsTest {
  private static final Duration BOUND = Duration.ofSeconds(60);
  private Path channels;

  @BeforeEach
  void dir() throws Exception {
    channels = Files.createTempDirectory("cgraph-interrupts");
  }

  @AfterEach
  void nothingLeft() {
    ThreadsAndFiles.assertNoCgraphThreads();
    ThreadsAndFiles.assertEmpty(channels);
  }

  private GraphOptions options() {
    return GraphOptions.defaults().withChannelDir(channels).withGetTimeout(Duration.ofSeconds(30))
        .withSubmitTimeout(Duration.ofSeconds(30));
  }

  /** Runs {@code wait} on a new thread, interrupts it once it waits, and returns what it threw. */
  private static Throwable interrupted(Runnable wait, AtomicReference<Boolean> flagAfter) throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        wait.run();
      } catch (Throwable e) {
        thrown.set(e);
      }
      flagAfter.set(Thread.currentThread().isInterrupted());
    });
    t.start();
    while (t.getState() == Thread.State.NEW || t.getState() == Thread.State.RUNNABLE) {
      Thread.onSpinWait(); // until it spins no more: it yields, parks or is blocked in a wait
    }
    long start = System.nanoTime();
    t.interrupt();
    t.join(TimeUnit.SECONDS.toMillis(20));
    assertTrue(!t.isAlive(), "the interrupted wait returned");
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "well before the 30 s timeout");
    return thrown.get();
  }

  @Test
  void anInterruptedGetThrowsPromptlyKeepsTheFlagAndTheRefStaysReadable() {
    assertTimeoutPreemptively(BOUND, () -> {
      Echo echo = new Echo();
      try (EchoGraph g = EchoGraph.compile(echo, options())) {
        EchoGraph.Ref ref = g.execute(Echo.WAIT);
        echo.entered.await();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Throwable e = interrupted(ref::get, flag);
        CGraphException c = assertInstanceOf(CGraphException.class, e);
        assertInstanceOf(InterruptedException.class, c.getCause());
        assertTrue(c.getMessage().contains("interrupted while waiting in get for the result of execution #0"),
            c.getMessage());
        assertEquals(Boolean.TRUE, flag.get(), "the interrupt flag stays set");
        echo.gate.countDown();
        assertEquals(0, ref.get(), "the Ref stays readable");
        assertEquals(8, g.execute(4).get(), "the graph stays usable");
      }
    });
  }

  @Test
  void anInterruptedExecuteWaitingForCapacityThrowsPromptly() {
    assertTimeoutPreemptively(BOUND, () -> {
      Echo echo = new Echo();
      try (EchoGraph g = EchoGraph.compile(echo, options().withMaxInflight(1))) {
        EchoGraph.Ref first = g.execute(Echo.WAIT);
        echo.entered.await();
        // a second thread reads, so the blocked execute does not fail at once for lack of readers
        CompletableFuture<Long> reader = CompletableFuture.supplyAsync(first::get);
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Throwable e = interrupted(() -> g.execute(3), flag);
        CGraphException c = assertInstanceOf(CGraphException.class, e);
        assertInstanceOf(InterruptedException.class, c.getCause());
        assertTrue(c.getMessage().contains("waiting in execute for capacity"), c.getMessage());
        assertEquals(Boolean.TRUE, flag.get());
        echo.gate.countDown();
        assertEquals(0, reader.get(20, TimeUnit.SECONDS));
        assertEquals(6, g.execute(3).get());
      }
    });
  }

  @Test
  void aRefPendingAtCloseIsDoneAndNamesItsExecution() {
    assertTimeoutPreemptively(BOUND, () -> {
      Echo echo = new Echo();
      EchoGraph g = EchoGraph.compile(echo, options());
      assertEquals(2, g.execute(1).get());
      EchoGraph.Ref pending = g.execute(Echo.WAIT);
      echo.entered.await();
      assertTrue(!pending.isDone());
      g.close();
      assertTrue(pending.isDone(), "a Ref closed out is done, so an isDone() loop ends");
      GraphClosedException e = assertThrows(GraphClosedException.class, pending::get);
      assertTrue(e.getMessage().contains("execution #1 was pending"), e.getMessage());
      echo.gate.countDown();
    });
  }

  @Test
  void aFutureHasNoTimeoutOfItsOwn() {
    assertTimeoutPreemptively(BOUND, () -> {
      Echo echo = new Echo();
      try (EchoGraph g = EchoGraph.compile(echo, options().withGetTimeout(Duration.ofMillis(100)))) {
        CompletableFuture<Long> slow = g.executeAsync(Echo.WAIT);
        echo.entered.await();
        Thread.sleep(500); // five get timeouts pass while the actor works
        assertTrue(!slow.isDone(), "still waiting, not failed with ChannelTimeoutException");
        echo.gate.countDown();
        assertEquals(0, slow.get(20, TimeUnit.SECONDS));
      }
    });
  }
}
