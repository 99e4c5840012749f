package io.cgraph.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.cluster.graphs.BlobsGraph;
import io.cgraph.cluster.graphs.ClusterGraphs;
import io.cgraph.cluster.graphs.EchoGraph;
import io.cgraph.cluster.graphs.Linear3Graph;
import io.cgraph.cluster.graphs.RingAcrossHostsGraph;
import io.cgraph.cluster.graphs.Stage;
import io.cgraph.cluster.graphs.StallsGraph;
import io.cgraph.cluster.graphs.WhereRunsGraph;
import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.GraphBrokenException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.GraphStats;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.RemoteActor;
import io.cgraph.runtime.Workers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver in this JVM and a host agent in another, on the loopback (no namespaces needed): graphs
 * with local and remote-host actors give the sequential reference's results; remote exceptions are
 * ActorTaskExceptions; a killed agent breaks the graph naming its host.
 */
class LoopbackClusterTest {
  @TempDir Path tmp;
  private CGraphCluster cluster;
  private JavaProcess agent;
  private int agentPort;

  @BeforeEach
  void start() throws Exception {
    agentPort = TestPorts.free();
    // The long-lived agent is the seed (it starts the cluster); drivers come and go through it.
    agent = JavaProcess.start("agent-h1", List.of(), HostAgent.class.getName(), List.of(
        "--name", "h1", "--bind", "127.0.0.1:" + agentPort, "--data-port", Integer.toString(TestPorts.free()),
        "--seed", "127.0.0.1:" + agentPort, "--role", "cpu", "--channel-dir", tmp.resolve("h1").toString(),
        "--aeron-dir", tmp.resolve("aeron-h1").toString(), "--actors-on-data-thread",
        Boolean.toString(actorsOnDataThread()), "--waiters-run-data-path", Boolean.toString(waitersRunDataPath())));
    agent.await("cgraph host agent h1 up", 90);
    cluster = driver();
    cluster.awaitHosts(1, Duration.ofSeconds(60));
  }

  /** Whether the agent runs its actors on its data thread (a subclass runs every test that way). */
  boolean actorsOnDataThread() {
    return false;
  }

  /** Whether waiting threads run the data path, on the driver and the agent (a subclass turns it off). */
  boolean waitersRunDataPath() {
    return true;
  }

  private CGraphCluster driver() {
    return CGraphCluster.join(ClusterOptions.builder().name("driver").bind("127.0.0.1", TestPorts.free())
        .dataPort(TestPorts.free()).seed("127.0.0.1:" + agentPort).aeronDir(tmp.resolve("aeron-driver"))
        .waitersRunDataPath(waitersRunDataPath()).build());
  }

  @AfterEach
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    if (agent != null) {
      agent.close();
    }
    // Nothing of the driver side is left running in this JVM: bridges, Aeron, Pekko.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<String> left;
    while (!(left = clusterThreads()).isEmpty() && System.nanoTime() - deadline < 0) {
      Thread.sleep(50);
    }
    assertEquals(List.of(), left, "threads left after the cluster connection closed");
    assertFalse(Files.exists(tmp.resolve("aeron-driver")) && Files.list(tmp.resolve("aeron-driver")).findAny()
        .isPresent(), "the driver's Aeron directory is deleted at close");
  }

  /** Live threads of cgraph, Aeron or Pekko (whose system is named cgraph), but the JVM-wide Cleaners. */
  private static List<String> clusterThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String n = t.getName();
      if (t.isAlive() && !n.equals("cgraph-cleaner") && !n.equals("cgraph-cluster-cleaner") && (n.startsWith("cgraph-") || n.contains("aeron") || n.contains("conductor")
          || n.startsWith("driver-"))) {
        names.add(n);
      }
    }
    return names;
  }

  /** What the agent keeps under its channel directory: nothing once its graphs are closed. */
  private List<Path> agentChannelFiles() throws IOException {
    Path dir = tmp.resolve("h1");
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.collect(Collectors.toList());
    }
  }

  private GraphOptions options() {
    return GraphOptions.defaults().withChannelDir(tmp.resolve("driver"));
  }

  @Test
  void aLocalRemoteLocalPipelineGivesTheSequentialResults() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      RemoteActor<Stage> b = cluster.spawn("cpu", Stage.class, 2L);
      assertEquals("h1", b.workerName());
      assertTrue(b.workerProcess().isEmpty());
      Stage ra = new Stage(1);
      Stage rb = new Stage(2);
      Stage rc = new Stage(3);
      long[] inputs = new Random(7).longs(3000, 0, 1000).toArray();
      List<Long> expected = new ArrayList<>();
      for (long x : inputs) {
        expected.add(ClusterGraphs.linear3(x, ra, rb, rc));
      }
      List<Long> got = new ArrayList<>();
      try (Linear3Graph g = Linear3Graph.compile(Placement.local(new Stage(1)), b, Placement.local(new Stage(3)),
          options())) {
        Deque<Linear3Graph.Ref> refs = new ArrayDeque<>();
        for (long x : inputs) {
          if (refs.size() == Linear3Graph.MAX_INFLIGHT) {
            got.add(refs.poll().get());
          }
          refs.add(g.execute(x));
        }
        while (!refs.isEmpty()) {
          got.add(refs.poll().get());
        }
        // Counted on h1 and reported to the driver (h1 counts a step just after it publishes it).
        GraphStats.ActorStats remote;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
          remote = g.stats().actors().get(1);
        } while (remote.steps() < inputs.length && System.nanoTime() - until < 0);
        assertEquals(inputs.length, remote.steps(), remote.toString());
        assertEquals("host 'h1'", remote.thread());
      }
      assertEquals(expected, got);
      assertEquals(List.of(), agentChannelFiles(), "the agent deletes a graph's channels when it closes");
    });
  }

  @Test
  void aCollectiveRingCrossesHosts() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      RemoteActor<Stage> b = cluster.spawn("cpu", Stage.class, 2L);
      Stage ra = new Stage(1);
      Stage rb = new Stage(2);
      Stage rc = new Stage(3);
      Random random = new Random(11);
      try (RingAcrossHostsGraph g = RingAcrossHostsGraph.compile(Placement.local(new Stage(1)), b,
          Placement.local(new Stage(3)), options())) {
        Deque<RingAcrossHostsGraph.Ref> refs = new ArrayDeque<>();
        Deque<Object> expected = new ArrayDeque<>();
        for (int i = 0; i < 60; i++) {
          long x = i % 7 == 3 ? Stage.FAIL : random.nextInt(1000);
          int n = i == 0 ? 0 : i == 1 ? 1 : random.nextInt(i == 2 ? 200_000 : 3000); // one far above a frame
          Object want;
          try {
            want = ClusterGraphs.ringAcrossHosts(x, n, ra, rb, rc);
          } catch (IllegalArgumentException e) {
            want = IllegalArgumentException.class.getName();
          }
          expected.add(want);
          refs.add(g.execute(x, n));
          if (refs.size() == RingAcrossHostsGraph.MAX_INFLIGHT) {
            assertEquals(expected.poll(), outcome(refs.poll()));
          }
        }
        while (!refs.isEmpty()) {
          assertEquals(expected.poll(), outcome(refs.poll()));
        }
        // The last execution failed fast, its ring may still be carrying the failure: one more whole
        // execution (every participant runs them in order) before the close.
        // (Closing while a remote participant is mid-ring once left it running past the teardown
        // timeout on a loaded machine: not understood yet, see the issue notes.)
        assertEquals(ClusterGraphs.ringAcrossHosts(5, 7, ra, rb, rc), g.execute(5, 7).get());
      }
      assertEquals(List.of(), agentChannelFiles(), "the agent deletes a graph's channels when it closes");
    });
  }

  private static Object outcome(RingAcrossHostsGraph.Ref ref) {
    try {
      return ref.get();
    } catch (ActorTaskException e) {
      return e.originalClassName();
    }
  }

  @Test
  void theAgentRunsItsActorWhereItWasToldTo() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      try (WhereRunsGraph g = WhereRunsGraph.compile(cluster.spawn("h1", Stage.class, 1L), options())) {
        assertEquals(actorsOnDataThread() ? "cgraph-aeron" : "cgraph-WhereRunsGraph-a", g.execute(1).get());
      }
    });
  }

  @Test
  void anActorStillInACallOfAClosedGraphServesNoOtherGraph() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      RemoteActor<Stage> a = cluster.spawn("h1", Stage.class, 1L);
      StallsGraph first = StallsGraph.compile(a, options().withTeardownTimeout(Duration.ofMillis(200)));
      StallsGraph.Ref stalled = first.execute(3000);
      Thread.sleep(300); // the call is running on h1
      first.close(); // h1 cannot stop it within 200 ms: the call ignores interrupts
      assertThrows(io.cgraph.runtime.GraphClosedException.class, stalled::get);
      // One thread per actor: until h1 says the call is over, the actor serves no other graph.
      io.cgraph.runtime.ActorBusyException busy = assertThrows(io.cgraph.runtime.ActorBusyException.class,
          () -> StallsGraph.compile(a, options()));
      assertTrue(busy.getMessage().contains("served StallsGraph (closed), whose worker or host has not confirmed that"
          + " the actor stopped"), busy.getMessage());
      try (StallsGraph other = StallsGraph.compile(cluster.spawn("h1", Stage.class, 1L), options())) {
        assertEquals(5, other.execute(5).get(), "a new actor serves a new graph");
      }
      if (actorsOnDataThread()) {
        // The data thread finishes the call, then the agent detaches the graph and says so: the actor is free.
        StallsGraph again = null;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (again == null) {
          try {
            again = StallsGraph.compile(a, options());
          } catch (io.cgraph.runtime.ActorBusyException e) {
            assertTrue(System.nanoTime() - until < 0, "still busy 30 s later: " + e.getMessage());
            Thread.sleep(100);
          }
        }
        try (StallsGraph g = again) {
          assertEquals(6, g.execute(6).get());
        }
      }
    });
  }

  @Test
  void aWorkerProcessARemoteHostAndALocalActorMixInOneGraph() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      try (Workers workers = Workers.create(1)) {
        RemoteActor<Stage> inWorker = workers.spawn(Stage.class, 1L); // same host, another JVM: shared files
        RemoteActor<Stage> onHost = cluster.spawn("h1", Stage.class, 2L); // another host: over Aeron
        Stage ra = new Stage(1);
        Stage rb = new Stage(2);
        Stage rc = new Stage(3);
        try (Linear3Graph g = Linear3Graph.compile(inWorker, onHost, Placement.local(new Stage(3)), options())) {
          Deque<Linear3Graph.Ref> refs = new ArrayDeque<>();
          Deque<Long> expected = new ArrayDeque<>();
          for (long x = 0; x < 1000; x++) {
            expected.add(ClusterGraphs.linear3(x, ra, rb, rc));
            refs.add(g.execute(x));
            if (refs.size() == Linear3Graph.MAX_INFLIGHT) {
              assertEquals(expected.poll(), refs.poll().get());
            }
          }
          while (!refs.isEmpty()) {
            assertEquals(expected.poll(), refs.poll().get());
          }
        }
      }
    });
  }

  @Test
  void anAgentServesOneDriverAfterAnother() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      RemoteActor<Stage> first = cluster.spawn("h1", Stage.class, 4L);
      try (EchoGraph g = EchoGraph.compile(first, options())) {
        assertEquals(5, g.execute(1).get());
      }
      cluster.close();
      cluster = driver(); // a new driver joins through the agent, which stayed up
      List<HostInfo> hosts = cluster.awaitHosts(1, Duration.ofSeconds(60));
      assertEquals("h1", hosts.get(0).name());
      assertEquals(List.of("cpu"), hosts.get(0).roles());
      RemoteActor<Stage> second = cluster.spawn("cpu", Stage.class, 4L);
      try (EchoGraph g = EchoGraph.compile(second, options())) {
        assertEquals(5, g.execute(1).get()); // a fresh actor: the first driver's state is not shared
        assertEquals(5 * 31 + 2 + 4, g.execute(2).get());
      }
      assertTrue(agent.process.isAlive());
    });
  }

  @Test
  void valuesFarLargerThanAFrameCrossBothWays() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      RemoteActor<Stage> a = cluster.spawn("h1", Stage.class, 5L);
      try (BlobsGraph g = BlobsGraph.compile(a, Placement.local(new Stage(7)), options())) {
        for (int n : new int[] {0, 1, 1000, 100_000, 3_000_000, 17}) {
          byte[] in = new byte[n];
          new Random(n).nextBytes(in);
          assertArrayEquals(ClusterGraphs.blobs(in, new Stage(5), new Stage(7)), g.execute(in).get(), "n = " + n);
        }
      }
    });
  }

  @Test
  void aRemoteExceptionIsAnActorTaskExceptionAndTheGraphGoesOn() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      RemoteActor<Stage> a = cluster.spawn("h1", Stage.class, 9L);
      try (EchoGraph g = EchoGraph.compile(a, options())) {
        assertEquals(10, g.execute(1).get());
        ActorTaskException e = assertThrows(ActorTaskException.class, () -> g.execute(Stage.FAIL).get());
        assertTrue(e.getMessage().contains("stage 9 refuses -77"), e.getMessage());
        assertEquals(10 * 31 + 2 + 9, g.execute(2).get());
      }
    });
  }

  @Test
  void aKilledHostBreaksTheGraphNamingItAndItsActors() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      RemoteActor<Stage> a = cluster.spawn("h1", Stage.class, 1L);
      try (EchoGraph g = EchoGraph.compile(a, options())) {
        assertEquals(1, g.execute(0).get());
        agent.kill();
        long killed = System.nanoTime();
        GraphBrokenException e = assertThrows(GraphBrokenException.class, () -> {
          for (;;) {
            g.execute(1).get(); // pending and later calls fail once the host is seen unreachable
          }
        });
        long ms = (System.nanoTime() - killed) / 1_000_000;
        assertTrue(e.getMessage().contains("host 'h1'") && e.getMessage().contains("actor 'a'"), e.getMessage());
        assertTrue(ms < 30_000, "broke " + ms + " ms after the kill"); // ~1.5 s idle; generous for loaded CI
        System.out.println("graph broke " + ms + " ms after kill -9 of the host agent");
      }
    });
  }
}
