package io.cgraph.runtime.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.ThreadsAndFiles;
import io.cgraph.runtime.sample.Parser;
import io.cgraph.runtime.sample.PipelineGraph;
import io.cgraph.runtime.sample.Scorer;
import io.cgraph.runtime.semantics.Echo;
import io.cgraph.runtime.semantics.EchoGraph;
import io.cgraph.runtime.Placement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JFR events of a known workload, recorded and parsed back with RecordingFile. */
class JfrEventsTest {
  @TempDir Path channels;
  @TempDir Path recordings;

  @AfterEach
  void nothingLeft() {
    ThreadsAndFiles.assertNoCgraphThreads();
    ThreadsAndFiles.assertEmpty(channels);
  }

  @Test
  void executionActorCallAndWaitEvents() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      Path file = recordings.resolve("cgraph.jfr");
      try (Recording recording = new Recording()) {
        recording.enable("io.cgraph.Execution");
        recording.enable("io.cgraph.ActorCall");
        recording.enable("io.cgraph.Wait");
        recording.start();
        try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(),
            GraphOptions.defaults().withChannelDir(channels))) {
          Workload.run(g, 4);
          StatsTest.awaitSteps(g, Workload.N);
          // busy time is measured while the recording wants ActorCall events, without timing stats
          assertTrue(g.stats().actors().stream().allMatch(a -> a.busyNanos() > 0), g.stats().toString());
        }
        capacityWait();
        recording.stop();
        recording.dump(file);
      }
      List<RecordedEvent> events = RecordingFile.readAllEvents(file);
      List<RecordedEvent> executions = of(events, "io.cgraph.Execution", "PipelineGraph");
      assertEquals(Workload.N, executions.size());
      assertEquals(Workload.MALFORMED + Workload.NEGATIVE, count(executions, e -> e.getBoolean("failed")));
      assertTrue(executions.stream().allMatch(e -> e.getLong("latency") > 0));
      assertEquals(Workload.N * (Workload.N - 1) / 2, executions.stream().mapToLong(e -> e.getLong("execution")).sum());

      List<RecordedEvent> calls = of(events, "io.cgraph.ActorCall", "PipelineGraph");
      Map<String, Long> perMethod = calls.stream().collect(Collectors.groupingBy(e -> e.getString("actor") + "."
          + e.getString("method"), Collectors.counting()));
      assertEquals(Map.of("parser.parse", (long) Workload.N, "scorer.amountScore", (long) Workload.N,
          "scorer.tagScore", (long) Workload.N, "scorer.combine", (long) Workload.N), perMethod);
      Map<String, Long> failedPerMethod = calls.stream().filter(e -> e.getBoolean("failed"))
          .collect(Collectors.groupingBy(e -> e.getString("method"), Collectors.counting()));
      // a call fails when it throws or when it is skipped because an input failed
      assertEquals(Map.of("parse", (long) Workload.MALFORMED, "amountScore", (long) (Workload.MALFORMED + Workload.NEGATIVE),
          "tagScore", (long) Workload.MALFORMED, "combine", (long) (Workload.MALFORMED + Workload.NEGATIVE)),
          failedPerMethod);
      assertTrue(calls.stream().allMatch(e -> e.getLong("decode") >= 0 && e.getLong("compute") >= 0
          && e.getLong("encode") >= 0));

      List<RecordedEvent> waits = of(events, "io.cgraph.Wait", "EchoGraph");
      assertEquals(1, waits.size(), waits.toString());
      assertEquals("capacity", waits.get(0).getString("channel"));
      assertTrue(waits.get(0).getLong("waited") >= Observer.WAIT_THRESHOLD_NANOS);
    });
  }

  /** maxInflight 1, the one execution blocked in its actor: a second execute waits until it is read. */
  private void capacityWait() throws Exception {
    Echo echo = new Echo();
    try (EchoGraph g = EchoGraph.compile(Placement.local(echo), GraphOptions.defaults().withChannelDir(channels)
        .withMaxInflight(1))) {
      EchoGraph.Ref blocked = g.execute(Echo.WAIT);
      echo.entered.await();
      Thread caller = Thread.currentThread();
      CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> g.execute(5).get());
      // the second execute is parked waiting for capacity: then let the first finish and read it
      while (!second.isDone() && !parkedInExecute()) {
        Thread.onSpinWait();
      }
      echo.gate.countDown();
      assertEquals(0, blocked.get());
      assertEquals(10, second.get());
      assertTrue(caller.isAlive());
    }
  }

  private static boolean parkedInExecute() {
    return Thread.getAllStackTraces().entrySet().stream().anyMatch(t -> t.getKey().getState() == Thread.State.TIMED_WAITING
        && java.util.Arrays.stream(t.getValue()).anyMatch(f -> f.getMethodName().equals("awaitCapacity")));
  }

  private static List<RecordedEvent> of(List<RecordedEvent> events, String type, String graph) {
    return events.stream().filter(e -> e.getEventType().getName().equals(type) && graph.equals(e.getString("graph")))
        .collect(Collectors.toList());
  }

  private static long count(List<RecordedEvent> events, Predicate<RecordedEvent> p) {
    return events.stream().filter(p).count();
  }
}
