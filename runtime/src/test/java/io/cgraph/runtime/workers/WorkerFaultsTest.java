package io.cgraph.runtime.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.ActorBusyException;
import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.ChannelTimeoutException;
import io.cgraph.runtime.GraphBrokenException;
import io.cgraph.runtime.GraphClosedException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.RemoteActor;
import io.cgraph.runtime.RemoteActorException;
import io.cgraph.runtime.ThreadsAndFiles;
import io.cgraph.runtime.Workers;
import io.cgraph.runtime.sample.Parser;
import io.cgraph.runtime.sample.PipelineGraph;
import io.cgraph.runtime.sample.Scorer;
import io.cgraph.runtime.semantics.Echo;
import io.cgraph.runtime.semantics.EchoGraph;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The faults of actors in worker processes, each with real processes (issue #7). */
class WorkerFaultsTest {
  private static final Duration BOUND = Duration.ofSeconds(90);
  private static final long BROKEN_WITHIN_NANOS = TimeUnit.SECONDS.toNanos(2);

  @TempDir Path channels;
  private final Processes processes = new Processes();

  private GraphOptions options() {
    return GraphOptions.defaults().withChannelDir(channels);
  }

  @AfterEach
  void nothingLeft() {
    processes.killAllAndCheck();
    ThreadsAndFiles.assertNoCgraphThreads();
    ThreadsAndFiles.assertEmpty(channels);
  }

  private static void assertNamesWorker(GraphBrokenException e, long pid) {
    assertTrue(e.getMessage().contains("worker 'cgraph-worker-0' (pid " + pid + ")"), e.getMessage());
  }

  @Test
  void killedWorkerFailsEveryPendingAndLaterCallWithinTwoSeconds() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (Workers workers = Workers.create(1)) {
        RemoteActor<Echo> echo = workers.spawn(Echo.class);
        long pid = processes.track(echo.workerProcess().orElseThrow());
        EchoGraph g = EchoGraph.compile(echo, options());
        assertEquals(14, g.execute(7).get());
        List<EchoGraph.Ref> pending = new ArrayList<>();
        pending.add(g.execute(Echo.WAIT)); // blocks in the worker
        for (int i = 0; i < 5; i++) {
          pending.add(g.execute(i));
        }
        ExecutorService getters = Executors.newFixedThreadPool(2);
        try {
          Future<Throwable> waiting = getters.submit(() -> assertThrows(GraphBrokenException.class,
              () -> pending.get(0).get(Duration.ofSeconds(60))));
          echo.workerProcess().orElseThrow().destroyForcibly(); // SIGKILL
          long killed = System.nanoTime();
          GraphBrokenException first = (GraphBrokenException) waiting.get(10, TimeUnit.SECONDS);
          assertTrue(System.nanoTime() - killed < BROKEN_WITHIN_NANOS, "broken within 2 s");
          assertNamesWorker(first, pid);
          assertTrue(first.getMessage().contains("SIGKILL"), first.getMessage());
          for (EchoGraph.Ref r : pending.subList(1, pending.size())) {
            assertNamesWorker(assertThrows(GraphBrokenException.class, () -> r.get(Duration.ofSeconds(60))), pid);
          }
          assertNamesWorker(assertThrows(GraphBrokenException.class, () -> g.execute(1)), pid);
          assertTrue(System.nanoTime() - killed < BROKEN_WITHIN_NANOS, "every call failed within 2 s");
        } finally {
          getters.shutdownNow();
        }
        g.close();
        assertThrows(GraphClosedException.class, () -> g.execute(1));
        assertTrue(Processes.awaitGone(pid, 5_000));
        // A later spawn on that worker starts a fresh process.
        RemoteActor<Echo> again = workers.spawn(Echo.class);
        processes.track(again.workerProcess().orElseThrow());
        assertTrue(again.workerProcess().orElseThrow().pid() != pid);
        try (EchoGraph g2 = EchoGraph.compile(again, options())) {
          assertEquals(6, g2.execute(3).get());
        }
      }
    });
  }

  @Test
  void killedWorkerBreaksAMixedGraphAndReleasesItsLocalActors() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (Workers workers = Workers.create(1)) {
        RemoteActor<Scorer> scorer = workers.spawn(Scorer.class);
        long pid = processes.track(scorer.workerProcess().orElseThrow());
        Parser parser = new Parser();
        PipelineGraph g = PipelineGraph.compile(Placement.local(parser), scorer, options());
        AtomicLong done = new AtomicLong();
        ExecutorService driver = Executors.newSingleThreadExecutor();
        try {
          Future<Throwable> stream = driver.submit(() -> assertThrows(GraphBrokenException.class, () -> {
            for (int i = 0; ; i++) {
              g.execute("id" + i + ";" + i + ";BUY;a", 1).get(Duration.ofSeconds(60));
              done.incrementAndGet();
            }
          }));
          while (done.get() < 200) {
            Thread.onSpinWait();
          }
          scorer.workerProcess().orElseThrow().destroyForcibly();
          long killed = System.nanoTime();
          GraphBrokenException e = (GraphBrokenException) stream.get(10, TimeUnit.SECONDS);
          assertTrue(System.nanoTime() - killed < BROKEN_WITHIN_NANOS, "broken within 2 s");
          assertNamesWorker(e, pid);
          assertTrue(e.getMessage().contains("'scorer'"), e.getMessage());
        } finally {
          driver.shutdownNow();
        }
        // The local parser's thread ends and releases it, before close.
        long deadline = System.nanoTime() + BROKEN_WITHIN_NANOS;
        PipelineGraph reuse = null;
        while (reuse == null) {
          try {
            reuse = PipelineGraph.compile(parser, new Scorer(), options());
          } catch (ActorBusyException busy) {
            assertTrue(System.nanoTime() < deadline, "local actor released within 2 s: " + busy.getMessage());
            Thread.onSpinWait();
          }
        }
        try (PipelineGraph local = reuse) {
          assertEquals(31 * 1 + 1, local.execute("x;2;BUY;a", 1).get().score());
        }
        g.close();
      }
    });
  }

  @Test
  void aBrokenGraphsSurvivingWorkerActorsAreFreeBeforeItsCallersLearnOfTheBreak() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (Workers workers = Workers.create(2)) {
        RemoteActor<Parser> parser = workers.spawnOn(0, Parser.class);
        RemoteActor<Scorer> scorer = workers.spawnOn(1, Scorer.class);
        processes.track(parser.workerProcess().orElseThrow());
        long pid = processes.track(scorer.workerProcess().orElseThrow());
        PipelineGraph g = PipelineGraph.compile(parser, scorer, options());
        assertEquals(31 * 1 + 1, g.execute("x;2;BUY;a", 1).get().score());
        scorer.workerProcess().orElseThrow().destroyForcibly();
        GraphBrokenException e = assertThrows(GraphBrokenException.class, () -> {
          for (;;) {
            g.execute("y;1;BUY;", 1).get(Duration.ofSeconds(30));
          }
        });
        assertTrue(e.getMessage().contains("worker 'cgraph-worker-1' (pid " + pid + ")"), e.getMessage());
        // The killed worker's actor is dead, and says so.
        CGraphException dead = assertThrows(CGraphException.class,
            () -> PipelineGraph.compile(Placement.local(new Parser()), scorer, options()));
        assertEquals(CGraphException.class, dead.getClass());
        assertTrue(dead.getMessage().contains("actor 'scorer'") && dead.getMessage().contains("is dead: its worker"
            + " 'cgraph-worker-1' (pid " + pid + ") exited with code 137"), dead.getMessage());
        // At once, no retry: the parser in the surviving worker serves a new graph.
        try (PipelineGraph next = PipelineGraph.compile(parser, Placement.local(new Scorer()), options())) {
          assertEquals(31 * 1 + 1, next.execute("z;2;BUY;a", 1).get().score());
        }
        g.close();
      }
    });
  }

  @Test
  void hungWorkerTimesOutGetsAndCloseEndsItWithinTheTeardownTimeout() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (Workers workers = Workers.create(1)) {
        RemoteActor<Echo> echo = workers.spawn(Echo.class);
        long pid = processes.track(echo.workerProcess().orElseThrow());
        EchoGraph g = EchoGraph.compile(echo, options().withTeardownTimeout(Duration.ofSeconds(1)));
        try {
          assertEquals(2, g.execute(1).get());
          Processes.signal(pid, "STOP"); // the worker stops reading (and everything else)
          EchoGraph.Ref r = g.execute(2);
          long start = System.nanoTime();
          assertThrows(ChannelTimeoutException.class, () -> r.get(Duration.ofMillis(300)));
          assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
        } finally {
          long start = System.nanoTime();
          g.close();
          long took = System.nanoTime() - start;
          assertTrue(took < TimeUnit.MILLISECONDS.toNanos(1500), "close took " + took / 1_000_000 + " ms");
        }
        assertTrue(Processes.awaitGone(pid, 1_000), "close() ended the hung worker");
      }
    });
  }

  @Test
  void actorIgnoringInterruptsIsEndedWithItsWorkerAtClose() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (Workers workers = Workers.create(1)) {
        RemoteActor<Echo> echo = workers.spawn(Echo.class);
        long pid = processes.track(echo.workerProcess().orElseThrow());
        EchoGraph g = EchoGraph.compile(echo, options().withTeardownTimeout(Duration.ofSeconds(1)));
        EchoGraph.Ref stuck = g.execute(Echo.STUCK);
        assertThrows(ChannelTimeoutException.class, () -> stuck.get(Duration.ofMillis(200)));
        long start = System.nanoTime();
        g.close();
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1500), "close within the teardown timeout");
        assertTrue(Processes.awaitGone(pid, 1_000), "the stuck worker was killed");
        assertThrows(GraphClosedException.class, stuck::get);
      }
    });
  }

  @Test
  void errorInRemoteActorBreaksTheGraphNamingActorAndWorker() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (Workers workers = Workers.create(1)) {
        RemoteActor<Echo> echo = workers.spawn(Echo.class);
        long pid = processes.track(echo.workerProcess().orElseThrow());
        try (EchoGraph g = EchoGraph.compile(echo, options())) {
          ActorTaskException thrown = assertThrows(ActorTaskException.class, () -> g.execute(Echo.THROW).get());
          assertEquals(IllegalStateException.class.getName(), thrown.originalClassName());
          assertEquals("bad input -2", assertInstanceOf(RemoteActorException.class, thrown.getCause()).originalMessage());
          assertEquals("bad input -2", thrown.originalMessage());
          assertEquals(8, g.execute(4).get());
          GraphBrokenException e = assertThrows(GraphBrokenException.class, () -> g.execute(Echo.DIE).get());
          assertTrue(e.getMessage().contains("actor 'echo'") && e.getMessage().contains("cgraph-worker-0")
              && e.getMessage().contains("AssertionError"), e.getMessage());
          assertTrue(Processes.alive(pid), "an actor's death does not end its worker");
        }
        // released in the worker: the same remote actor serves a new graph
        try (EchoGraph g = EchoGraph.compile(echo, options())) {
          assertEquals(10, g.execute(5).get());
        }
      }
    });
  }

  @Test
  void killedDriverLeavesNoWorkerAndItsChannelDirectoryIsSweptAtTheNextStart() {
    assertTimeoutPreemptively(BOUND, () -> {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle")) {
          cmd.add(arg);
        }
      }
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DriverMain.class.getName(), channels.toString()));
      Process driver = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      processes.track(driver);
      BufferedReader out = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("ready 42 "), String.valueOf(line));
      long worker = Long.parseLong(line.split(" ")[2]);
      processes.track(ProcessHandle.of(worker).orElseThrow());
      List<Path> dirs = Processes.graphDirs(channels, "EchoGraph");
      assertEquals(1, dirs.size(), dirs.toString());
      assertTrue(dirs.get(0).getFileName().toString().contains("-" + driver.pid() + "-"));

      driver.destroyForcibly(); // kill -9: no shutdown hook runs
      assertTrue(driver.waitFor(10, TimeUnit.SECONDS));
      assertTrue(Processes.awaitGone(worker, 5_000), "the worker exits when its driver dies");
      assertTrue(Files.exists(dirs.get(0)), "a driver killed with kill -9 leaves its channel directory");

      // The next start under that parent sweeps the directory of the dead process.
      try (EchoGraph g = EchoGraph.compile(new Echo(), options())) {
        assertEquals(2, g.execute(1).get());
        assertFalse(Files.exists(dirs.get(0)), "stale directory swept");
      }
    });
  }

  @Test
  void constructorArgumentsTravelAndWorkerOutputGoesToTheDriversLog() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (WorkerLog log = new WorkerLog(); Workers workers = Workers.builder().name("greeters").build()) {
        Greeter.Settings settings = new Greeter.Settings("hi", new int[] {1, 2}, List.of("a", "b"), TimeUnit.SECONDS,
            new Greeter.Inner(0.5, 'x', null, java.time.Instant.ofEpochSecond(1_764_633_600L, 5),
                new java.util.UUID(1, 2), new java.math.BigDecimal("1.50"),
                new io.cgraph.runtime.internal.Quote("EURUSD", 10_850)));
        RemoteActor<Greeter> greeter = workers.spawn(Greeter.class, settings, ByteBuffer.wrap(new byte[] {7, 8}), 99L);
        long pid = processes.track(greeter.workerProcess().orElseThrow());
        assertEquals("greeters-0", greeter.workerName());
        String expected = "[greeters-0 pid " + pid + " stdout] greeter says hi [1, 2] [a, b] SECONDS"
            + " Inner[weight=0.5, mark=x, boxed=null, at=2025-12-02T00:00:00.000000005Z,"
            + " key=00000000-0000-0001-0000-000000000002, price=1.50, quote=EURUSD@10850] [7, 8] #99";
        String warned = "[greeters-0 pid " + pid + " stderr] greeter warns 99";
        while (!log.lines.contains(expected) || !log.lines.contains(warned)) {
          Thread.onSpinWait(); // bounded by the test's timeout
        }

        CGraphException failed = assertThrows(CGraphException.class, () -> workers.spawn(Greeter.class, "no"));
        RemoteActorException cause = assertInstanceOf(RemoteActorException.class, failed.getCause());
        assertEquals(IllegalArgumentException.class.getName(), cause.originalClassName());
        assertEquals("cannot greet: no", cause.originalMessage());
        assertEquals(Greeter.class.getName(), cause.getStackTrace()[0].getClassName());

        IllegalArgumentException notTransferable = assertThrows(IllegalArgumentException.class,
            () -> workers.spawn(Greeter.class, new Greeter.Settings("x", null, List.of(new Object()), null, null),
                ByteBuffer.allocate(0), 1L));
        assertTrue(notTransferable.getMessage().contains("args[0].tags[0]: java.lang.Object is not transferable"),
            notTransferable.getMessage());
        IllegalArgumentException noConstructor = assertThrows(IllegalArgumentException.class,
            () -> workers.spawn(Greeter.class, 1, 2));
        assertTrue(noConstructor.getMessage().contains("no public constructors accept 2 argument(s)"),
            noConstructor.getMessage());
      }
    });
  }
}
