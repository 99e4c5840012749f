package io.cgraph.runtime.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.ActorBusyException;
import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.GraphStats;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.RemoteActor;
import io.cgraph.runtime.RemoteActorException;
import io.cgraph.runtime.ThreadsAndFiles;
import io.cgraph.runtime.WaitStrategy;
import io.cgraph.runtime.Workers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PipelineGraph with its actors in worker processes (real JVMs): the same results as in one JVM
 * and as the sequential reference, exceptions exactly as in one JVM, owner-only files.
 */
class PlacedPipelineTest {
  private static final Duration BOUND = Duration.ofSeconds(120);
  private static final int N = 3000;

  @TempDir Path channels;
  private final List<Long> pids = new ArrayList<>();

  private GraphOptions options() {
    return GraphOptions.defaults().withChannelDir(channels);
  }

  @AfterEach
  void nothingLeft() {
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    ThreadsAndFiles.assertNoCgraphThreads();
    ThreadsAndFiles.assertEmpty(channels);
    for (long pid : pids) {
      assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "worker " + pid + " is gone");
    }
  }

  /** Thousands of inputs (some malformed, some that make the scorer throw), and a few that grow the rings. */
  private static List<String> inputs() {
    Random rnd = new Random(7);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      int kind = rnd.nextInt(100);
      if (kind < 3) {
        lines.add("broken line " + i);
      } else if (kind < 6) {
        lines.add("id" + i + ";-" + rnd.nextInt(100) + ";BUY;");
      } else if (i % 1000 == 500) {
        lines.add("big" + "x".repeat(5000 + i) + ";1.5;SELL;" + "t,".repeat(300) + "end");
      } else {
        lines.add(PipelineGraphTest.randomLine(rnd));
      }
    }
    return lines;
  }

  /** The outcome of one input: the result, or the failing actor method and the original exception. */
  private static String reference(String line, int scale) {
    try {
      return Pipelines.pipeline(line, scale, new Parser(), new Scorer()).toString();
    } catch (RuntimeException e) {
      return "failed " + e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** Runs every input through the graph, keeping up to maxInflight executions in flight. */
  private static List<String> run(PipelineGraph g, List<String> lines) {
    List<String> out = new ArrayList<>();
    Deque<PipelineGraph.Ref> window = new ArrayDeque<>();
    for (int i = 0; i < lines.size(); i++) {
      if (window.size() == PipelineGraph.MAX_INFLIGHT) {
        out.add(outcome(window.poll()));
      }
      window.add(g.execute(lines.get(i), i % 7));
    }
    while (!window.isEmpty()) {
      out.add(outcome(window.poll()));
    }
    return out;
  }

  private static String outcome(PipelineGraph.Ref ref) {
    try {
      return ref.get().toString();
    } catch (ActorTaskException e) {
      return "failed " + e.originalClassName() + ": " + e.originalMessage();
    }
  }

  @Test
  void twoWorkerGraphGivesTheSameResultsAsInProcessAndTheSequentialReference() {
    assertTimeoutPreemptively(BOUND, () -> {
      List<String> lines = inputs();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        expected.add(reference(lines.get(i), i % 7));
      }
      List<String> local;
      try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(), options())) {
        local = run(g, lines);
      }
      assertEquals(expected, local);
      try (Workers workers = Workers.create(2)) {
        RemoteActor<Parser> parser = workers.spawnOn(0, Parser.class);
        RemoteActor<Scorer> scorer = workers.spawnOn(1, Scorer.class);
        workers.process(0).ifPresent(p -> pids.add(p.pid()));
        workers.process(1).ifPresent(p -> pids.add(p.pid()));
        assertEquals(2, pids.size());
        assertNotEquals(pids.get(0), pids.get(1));
        assertNotEquals(ProcessHandle.current().pid(), pids.get(0));
        try (PipelineGraph g = PipelineGraph.compile(parser, scorer, options())) {
          assertEquals(expected, run(g, lines));
          // The workers' counters reach the driver's stats, failed calls included.
          // (a worker counts a step just after it publishes: the last one may show a moment after its get)
          GraphStats.ActorStats ps;
          GraphStats.ActorStats ss;
          long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
          do {
            GraphStats st = g.stats();
            ps = st.actors().get(0);
            ss = st.actors().get(1);
          } while ((ps.steps() < lines.size() || ss.steps() < lines.size()) && System.nanoTime() - until < 0);
          assertEquals(lines.size(), ps.steps(), ps.toString());
          assertEquals(lines.size(), ss.steps(), ss.toString());
          long failed = expected.stream().filter(e -> e.startsWith("failed ")).count();
          assertTrue(failed > 0);
          assertEquals(failed, ps.failures() + ss.failures(), ps + " " + ss);
          assertEquals("worker 'cgraph-worker-0' (pid " + pids.get(0) + ")", ps.thread());
          assertEquals("worker 'cgraph-worker-1' (pid " + pids.get(1) + ")", ss.thread());
        }
        // The same remote actors serve a second graph once the first is closed, mixed with a local one.
        try (PipelineGraph g = PipelineGraph.compile(Placement.local(new Parser()), scorer, options())) {
          assertEquals(expected, run(g, lines));
          ActorBusyException busy = assertThrows(ActorBusyException.class,
              () -> PipelineGraph.compile(parser, scorer, options()));
          assertTrue(busy.getMessage().contains("an actor in a worker process or on another host serves one graph at a time"),
              busy.getMessage());
        }
        // Wait strategies travel to the workers by name: each of these runs the graph there.
        for (WaitStrategy w : List.of(WaitStrategy.yielding(), WaitStrategy.busySpin(), WaitStrategy.of(3, 5, true),
            WaitStrategy.of(7, 0, false))) {
          try (PipelineGraph g = PipelineGraph.compile(parser, scorer, options().withWaitStrategy(w))) {
            assertEquals(expected.subList(0, 50), run(g, lines.subList(0, 50)), w.name());
          }
        }
      }
      for (long pid : pids) {
        assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "worker " + pid + " exited at close");
      }
    });
  }

  @Test
  void remoteExceptionIsReportedExactlyAsInProcess() {
    assertTimeoutPreemptively(BOUND, () -> {
      ActorTaskException local;
      try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(), options())) {
        local = assertThrows(ActorTaskException.class, () -> g.execute("not a line", 1).get());
      }
      try (Workers workers = Workers.create(1)) {
        RemoteActor<Parser> parser = workers.spawn(Parser.class);
        workers.process(0).ifPresent(p -> pids.add(p.pid()));
        try (PipelineGraph g = PipelineGraph.compile(parser, Placement.local(new Scorer()), options())) {
          ActorTaskException remote = assertThrows(ActorTaskException.class, () -> g.execute("not a line", 1).get());
          assertEquals(local.getMessage(), remote.getMessage());
          assertEquals("parser", remote.actor());
          assertEquals("parse", remote.method());
          assertEquals(IllegalArgumentException.class.getName(), remote.originalClassName());
          // In process the cause is the thrown exception itself; from a worker, its carrier: same class name,
          // message and stack.
          IllegalArgumentException lc = assertInstanceOf(IllegalArgumentException.class, local.getCause());
          RemoteActorException rc = assertInstanceOf(RemoteActorException.class, remote.getCause());
          assertEquals(lc.getMessage(), rc.originalMessage());
          assertEquals(local.originalMessage(), remote.originalMessage());
          assertEquals("malformed line: not a line", rc.originalMessage());
          assertEquals(Parser.class.getName(), rc.getStackTrace()[0].getClassName());
          assertEquals(lc.getStackTrace()[0], rc.getStackTrace()[0]);
          // the graph stays usable
          assertEquals(reference("a;1;BUY;x", 2), g.execute("a;1;BUY;x", 2).get().toString());
        }
      }
    });
  }

  @Test
  void channelFilesAreOwnerOnlyIncludingRingsGrownByAWorker() {
    assertTimeoutPreemptively(BOUND, () -> {
      try (Workers workers = Workers.create(1)) {
        RemoteActor<Parser> parser = workers.spawn(Parser.class);
        workers.process(0).ifPresent(p -> pids.add(p.pid()));
        try (PipelineGraph g = PipelineGraph.compile(parser, Placement.local(new Scorer()), options())) {
          String big = "id" + "y".repeat(100_000) + ";2;BUY;a,b";
          assertEquals(reference(big, 3), g.execute(big, 3).get().toString());
          List<Path> dirs;
          try (Stream<Path> s = Files.list(channels)) {
            dirs = s.collect(Collectors.toList());
          }
          assertEquals(1, dirs.size(), dirs.toString());
          Path dir = dirs.get(0);
          assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
          List<Path> files;
          try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().collect(Collectors.toList());
          }
          // the input ring (grown by the driver) and the parser's ring (grown by the worker) have generation 1
          assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().matches("c0-input\\.1")), files.toString());
          assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().matches("c1-parser\\.parse\\.1")),
              files.toString());
          for (Path f : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            assertEquals(Files.getOwner(dir), Files.getOwner(f), f.toString());
          }
        }
      }
    });
  }
}
