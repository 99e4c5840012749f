package io.cgraph.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cgraph.cluster.graphs.EchoGraph;
import io.cgraph.cluster.graphs.Stage;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.RemoteActor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host keeps an actor while its driver holds the handle (Ray's actor handles) and drops it once
 * the handle is garbage: a long-lived driver that spawns actors per graph does not fill its hosts.
 */
class ForgetTest {
  @TempDir Path tmp;

  @Test
  void aHostDropsAnActorWhoseHandleIsGone() {
    assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
      int agentPort = TestPorts.free();
      try (HostAgent agent = HostAgent.start(ClusterOptions.builder().name("h").bind("127.0.0.1", agentPort)
              .dataPort(TestPorts.free()).seed("127.0.0.1:" + agentPort).aeronDir(tmp.resolve("a")).build());
          CGraphCluster driver = CGraphCluster.join(ClusterOptions.builder().name("d")
              .bind("127.0.0.1", TestPorts.free()).dataPort(TestPorts.free()).seed("127.0.0.1:" + agentPort)
              .aeronDir(tmp.resolve("d")).build())) {
        driver.awaitHosts(1, Duration.ofSeconds(60));
        RemoteActor<Stage> kept = driver.spawn("h", Stage.class, 1L);
        spawnAndUse(driver); // its handle is garbage once this returns
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (agent.actorCount() > 1 && System.nanoTime() - deadline < 0) {
          System.gc();
          Thread.sleep(50);
        }
        assertEquals(1, agent.actorCount(), "the dropped handle's actor is gone, the kept one stays");
        try (EchoGraph g = EchoGraph.compile(kept, GraphOptions.defaults().withChannelDir(tmp.resolve("c")))) {
          assertEquals(2, g.execute(1).get()); // the kept actor still serves
        }
      }
    });
  }

  private void spawnAndUse(CGraphCluster driver) {
    RemoteActor<Stage> dropped = driver.spawn("h", Stage.class, 5L);
    try (EchoGraph g = EchoGraph.compile(dropped, GraphOptions.defaults().withChannelDir(tmp.resolve("c")))) {
      assertEquals(6, g.execute(1).get());
    }
  }
}
