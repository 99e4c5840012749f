package io.cgraph.graphtests;

import static io.cgraph.graphtests.Harness.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.RemoteActor;
import io.cgraph.runtime.RemoteActorException;
import io.cgraph.runtime.Workers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processor-generated graphs with actors in worker processes (real JVMs started by {@link Workers}),
 * mixed with local actors through the generated {@code compile(Placement..., GraphOptions)}: the
 * same outcomes as the {@code @Graph} method called directly and as the same graph in one JVM, for
 * thousands of seeded random inputs; remote exceptions exactly as in one JVM; no process, thread or
 * channel file left behind (issue #7).
 */
class PlacedGraphsTest {
  private static final int RUNS = 3000;

  @TempDir Path channels;
  private final Set<Long> pids = ConcurrentHashMap.newKeySet();

  private GraphOptions options() {
    return GraphOptions.defaults().withChannelDir(channels);
  }

  @AfterEach
  void nothingLeft() throws IOException {
    List<Long> alive = pids.stream().filter(PlacedGraphsTest::alive).sorted().collect(Collectors.toList());
    alive.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    pids.forEach(PlacedGraphsTest::awaitGone);
    if (!alive.isEmpty()) {
      fail("worker processes left running after the test: " + alive);
    }
    awaitNoCgraphThreads();
    try (Stream<Path> s = Files.list(channels)) {
      assertEquals(List.of(), s.map(Path::toString).collect(Collectors.toList()), "left in " + channels);
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Waits (on the process's exit, at most 10 s) for {@code pid} to be gone; fails if it is not. */
  private static void awaitGone(long pid) {
    ProcessHandle.of(pid).ifPresent(p -> {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        fail("process " + pid + " still alive 10 s after its Workers closed");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertTrue(!alive(pid), "process " + pid + " is gone");
  }

  private static List<String> cgraphThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith("cgraph-") && !n.equals("cgraph-cleaner") && !n.equals("cgraph-gpu-cleaner")
            && !n.equals("cgraph-shutdown")) // the JVM-wide cleaners and hook stay
        .sorted().collect(Collectors.toList());
  }

  private static void awaitNoCgraphThreads() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<String> left = cgraphThreads();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.yield();
      left = cgraphThreads();
    }
    assertEquals(List.of(), left, "cgraph threads still alive");
  }

  /** Records worker {@code i}'s pid and checks it is another process. */
  private long track(Workers workers, int i) {
    long pid = workers.process(i).orElseThrow(() -> new AssertionError("worker " + i + " not started")).pid();
    assertNotEquals(ProcessHandle.current().pid(), pid);
    pids.add(pid);
    return pid;
  }

  /**
   * What one execution gave: a value, or the original exception's class and message (for the graph,
   * as {@link ActorTaskException} reports them, whether the cause is the exception itself or, from a
   * worker, a {@link RemoteActorException}).
   */
  private record Outcome(Object value, String thrown, String message) {
    static Outcome ofReference(Function<Void, Object> call) {
      try {
        return new Outcome(call.apply(null), null, null);
      } catch (RuntimeException e) {
        return new Outcome(null, e.getClass().getName(), e.getMessage());
      }
    }

    static Outcome ofGraph(Function<Void, Object> get) {
      try {
        return new Outcome(get.apply(null), null, null);
      } catch (ActorTaskException e) {
        return new Outcome(null, e.originalClassName(), e.originalMessage());
      }
    }
  }

  /** Submits every input with up to {@code window} in flight; the outcomes in submission order. */
  private static <I, R> List<Outcome> run(List<I> inputs, int window, Function<I, R> submit, Function<R, Object> get) {
    List<Outcome> out = new ArrayList<>();
    Deque<R> inFlight = new ArrayDeque<>();
    for (I in : inputs) {
      if (inFlight.size() == window) {
        R r = inFlight.removeFirst();
        out.add(Outcome.ofGraph(v -> get.apply(r)));
      }
      inFlight.addLast(submit.apply(in));
    }
    while (!inFlight.isEmpty()) {
      R r = inFlight.removeFirst();
      out.add(Outcome.ofGraph(v -> get.apply(r)));
    }
    return out;
  }

  @Test
  void statefulGraphWithActorsInTwoWorkersAndOneLocal() {
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Random r = new Random(71);
      List<Long> inputs = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        inputs.add(r.nextLong());
      }
      // the reference: the @Graph method called directly, on actor instances of its own
      Accumulator acc = new Accumulator();
      Accumulator calls = new Accumulator();
      Arith arith = new Arith();
      List<Outcome> expected = new ArrayList<>();
      for (long x : inputs) {
        expected.add(Outcome.ofReference(v -> Graphs.stateful(x, acc, calls, arith)));
      }
      List<Outcome> inProcess;
      try (StatefulGraph g = StatefulGraph.compile(new Accumulator(), new Accumulator(), new Arith(), options())) {
        inProcess = run(inputs, StatefulGraph.MAX_INFLIGHT, g::execute, StatefulGraph.Ref::get);
      }
      assertEquals(expected, inProcess);

      try (Workers workers = Workers.create(2)) {
        RemoteActor<Accumulator> remoteAcc = workers.spawn(Accumulator.class);   // worker 0
        RemoteActor<Accumulator> remoteCalls = workers.spawn(Accumulator.class); // worker 1 (round robin)
        long w0 = track(workers, 0);
        long w1 = track(workers, 1);
        assertNotEquals(w0, w1);
        assertEquals(w0, remoteAcc.workerProcess().orElseThrow().pid());
        assertEquals(w1, remoteCalls.workerProcess().orElseThrow().pid());
        try (StatefulGraph g = StatefulGraph.compile(remoteAcc, remoteCalls, Placement.local(new Arith()),
            options())) {
          assertEquals(expected, run(inputs, StatefulGraph.MAX_INFLIGHT, g::execute, StatefulGraph.Ref::get));
        }
        // A record result (multi-output) with every actor remote, strings of any content (null included).
        Random s = new Random(72);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
          texts.add(Values.stringOrNull(s));
        }
        Strings strings = new Strings();
        List<Outcome> expectedMulti = new ArrayList<>();
        for (String t : texts) {
          expectedMulti.add(Outcome.ofReference(v -> Graphs.multi(t, strings, arith)));
        }
        List<Outcome> localMulti;
        try (MultiGraph g = MultiGraph.compile(new Strings(), new Arith(), options())) {
          localMulti = run(texts, MultiGraph.MAX_INFLIGHT, g::execute, MultiGraph.Ref::get);
        }
        assertEquals(expectedMulti, localMulti);
        try (MultiGraph g = MultiGraph.compile(workers.spawnOn(1, Strings.class), workers.spawnOn(0, Arith.class),
            options())) {
          assertEquals(expectedMulti, run(texts, MultiGraph.MAX_INFLIGHT, g::execute, MultiGraph.Ref::get));
          // executeAsync with results written in worker processes: only dependent stages are waited on.
          assertEquals(expectedMulti, run(texts, MultiGraph.MAX_INFLIGHT, t -> g.executeAsync(t).thenApply(v -> v),
              f -> {
                try {
                  return f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                  throw (RuntimeException) e.getCause();
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              }));
        }
      }
      // closing Workers ends both processes
      pids.forEach(PlacedGraphsTest::awaitGone);
    });
  }

  @Test
  void failingActorInAWorkerGivesTheSameOutcomesAndExceptionsAsInProcess() {
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Random r = new Random(73);
      List<Integer> inputs = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        inputs.add(r.nextInt(1000) - 500);
      }
      Arith ref = new Arith();
      List<Outcome> expected = new ArrayList<>();
      for (int x : inputs) {
        expected.add(Outcome.ofReference(v -> Graphs.failing(x, ref, ref)));
      }
      assertTrue(expected.stream().filter(o -> o.thrown() != null).count() > RUNS / 10, "some inputs fail");

      List<Outcome> inProcess;
      ActorTaskException local;
      try (FailingGraph g = FailingGraph.compile(new Arith(), new Arith(), options())) {
        inProcess = run(inputs, FailingGraph.MAX_INFLIGHT, g::execute, FailingGraph.Ref::get);
        local = assertThrows(ActorTaskException.class, () -> g.execute(-35).get());
      }
      assertEquals(expected, inProcess);

      try (Workers workers = Workers.create(2)) {
        RemoteActor<Arith> a = workers.spawnOn(1, Arith.class);
        track(workers, 1);
        try (FailingGraph g = FailingGraph.compile(a, Placement.local(new Arith()), options())) {
          assertEquals(expected, run(inputs, FailingGraph.MAX_INFLIGHT, g::execute, FailingGraph.Ref::get));
          ActorTaskException remote = assertThrows(ActorTaskException.class, () -> g.execute(-35).get());
          // exactly as in one JVM: same class, message, actor, method, execution number and cause
          assertEquals(local.getClass(), remote.getClass());
          assertEquals(local.getMessage(), remote.getMessage());
          assertEquals("a", remote.actor());
          assertEquals("checked", remote.method());
          assertEquals(RUNS, remote.execution());
          assertEquals(local.execution(), remote.execution());
          assertEquals(IllegalArgumentException.class.getName(), remote.originalClassName());
          // In process the cause is the thrown exception itself; from a worker, its carrier.
          IllegalArgumentException lc = assertInstanceOf(IllegalArgumentException.class, local.getCause());
          RemoteActorException rc = assertInstanceOf(RemoteActorException.class, remote.getCause());
          assertEquals(lc.getMessage(), rc.originalMessage());
          assertEquals(local.originalMessage(), remote.originalMessage());
          assertEquals("multiple of 5: -35", rc.originalMessage());
          assertEquals(Arith.class.getName(), rc.getStackTrace()[0].getClassName());
          assertEquals(lc.getStackTrace()[0], rc.getStackTrace()[0]);
          // the graph stays usable
          assertEquals(Graphs.failing(7, ref, ref), g.execute(7).get());
        }
        assertEquals(1, pids.size());
        assertTrue(workers.process(0).isEmpty(), "worker 0 is started on demand only");
      }
      pids.forEach(PlacedGraphsTest::awaitGone);
    });
  }
}
