package io.cgraph.runtime.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.ThreadsAndFiles;
import io.cgraph.runtime.WaitStrategy;
import io.cgraph.runtime.channel.Channel;
import io.cgraph.runtime.channel.Liveness;
import io.cgraph.runtime.internal.ChannelReader;
import io.cgraph.runtime.internal.ChannelWriter;
import io.cgraph.runtime.sample.Parser;
import io.cgraph.runtime.sample.PipelineGraph;
import io.cgraph.runtime.sample.Scorer;
import io.cgraph.runtime.semantics.Echo;
import io.cgraph.runtime.semantics.EchoGraph;
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

      // The capacity wait; the input ring may also be full for a moment (a result leaves the pipeline
      // when it arrives, the actor releases its input at the end of its batch): that one is a ring-full wait.
      List<RecordedEvent> waits = of(events, "io.cgraph.Wait", "EchoGraph").stream()
          .filter(e -> e.getString("channel").equals("capacity")).collect(Collectors.toList());
      assertEquals(1, waits.size(), waits.toString());
      assertTrue(waits.get(0).getLong("waited") >= Observer.WAIT_THRESHOLD_NANOS);
    });
  }

  /**
   * A writer whose ring is full waits for its slowest reader: an {@code io.cgraph.Wait} event with
   * the graph, the channel and the ring-full reason. Provoked on a real channel (ring of 2, fan-out
   * to a fast and a slow reader) reporting to a real {@link Observer}: within a graph the ring
   * cannot fill for long, because a ring has maxInflight slots, readers release a slot before the
   * actor computes, and a new execution is admitted only after an earlier one was delivered.
   */
  @Test
  void ringFullWaitEvent() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      Path file = recordings.resolve("ring.jfr");
      Observer observer = new Observer("RingGraph", List.of("a", "b"), List.of("input", "a.twice"), 2, false);
      try (Recording recording = new Recording();
           Channel channel = Channel.create(channels, "c1-a.twice", 2, 16, 2, WaitStrategy.balanced(),
               Liveness.ALWAYS)) {
        recording.enable("io.cgraph.Wait");
        recording.start();
        ChannelWriter writer = channel.writer();
        writer.observeWaits(observer.channel(1));
        ChannelReader fast = channel.reader(0);
        ChannelReader slow = channel.reader(1);
        for (long seq = 0; seq < 2; seq++) {
          writer.claim(seq).writeLong(seq);
          writer.publish(seq);
          assertEquals(seq, fast.await(seq).readLong());
          fast.release(seq);
        }
        assertEquals(0, slow.await(0).readLong()); // held, not released: the ring is full for sequence 2
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> {
          writer.claim(2).writeLong(2);
          writer.publish(2);
        });
        while (!inFrame("awaitFree")) {
          assertTrue(!third.isDone(), "the writer must wait while the slow reader holds sequence 0");
          Thread.onSpinWait();
        }
        long seen = System.nanoTime();
        while (System.nanoTime() - seen < 2 * Observer.WAIT_THRESHOLD_NANOS) {
          Thread.onSpinWait(); // the writer keeps waiting: it needs slot 0 back
        }
        assertTrue(!third.isDone());
        slow.release(0);
        third.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(1, slow.await(1).readLong());
        slow.release(1);
        assertEquals(2, slow.await(2).readLong());
        assertEquals(2, fast.await(2).readLong());
        recording.stop();
        recording.dump(file);
      }
      List<RecordedEvent> waits = of(RecordingFile.readAllEvents(file), "io.cgraph.Wait", "RingGraph");
      assertEquals(1, waits.size(), waits.toString());
      RecordedEvent e = waits.get(0);
      assertEquals("a.twice", e.getString("channel"));
      assertEquals("ring full: the writer waited for its slowest reader", e.getString("reason"));
      assertTrue(e.getLong("waited") >= 2 * Observer.WAIT_THRESHOLD_NANOS, e.toString());
    });
  }

  private static boolean inFrame(String method) {
    return Thread.getAllStackTraces().values().stream()
        .anyMatch(frames -> java.util.Arrays.stream(frames).anyMatch(f -> f.getMethodName().equals(method)
            && f.getClassName().equals("io.cgraph.runtime.channel.RingWriter")));
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
        && java.util.Arrays.stream(t.getValue()).anyMatch(f -> f.getMethodName().equals("await")
            && f.getClassName().equals("io.cgraph.runtime.internal.Capacity")));
  }

  private static List<RecordedEvent> of(List<RecordedEvent> events, String type, String graph) {
    return events.stream().filter(e -> e.getEventType().getName().equals(type) && graph.equals(e.getString("graph")))
        .collect(Collectors.toList());
  }

  private static long count(List<RecordedEvent> events, Predicate<RecordedEvent> p) {
    return events.stream().filter(p).count();
  }
}
