package io.cgraph.cluster;

import io.cgraph.cluster.graphs.ClusterGraphs;
import io.cgraph.cluster.graphs.EchoGraph;
import io.cgraph.cluster.graphs.Linear3Graph;
import io.cgraph.cluster.graphs.Stage;
import io.cgraph.runtime.GraphBrokenException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.RemoteActor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A driver program for the namespace tests, run on a "host" of its own: joins the cluster (as its
 * first seed), waits for agents h1 and h2, runs Linear3 with a on h1, b on h2 and c here against the
 * sequential reference, then keeps the graph busy until a fault breaks it, and checks that its local
 * actor is free again. It reports on stdout: MATCH n | MISMATCH, RUNNING, BROKEN millis message,
 * STILL BROKEN (three seconds later) | UNBROKEN, RELEASED, DONE.
 *
 * <p>Arguments: bind address, control port, data port, number of executions.
 */
public final class DriverMain {
  private DriverMain() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int dataPort = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[3]);
    try (CGraphCluster cluster = CGraphCluster.join(ClusterOptions.builder().name("driver").bind(host, port)
        .dataPort(dataPort).seed(host + ":" + port).build())) {
      System.out.println("driver up");
      System.out.println("hosts " + cluster.awaitHosts(2, Duration.ofSeconds(120)));
      RemoteActor<Stage> a = cluster.spawn("h1", Stage.class, 1L);
      RemoteActor<Stage> b = cluster.spawn("h2", Stage.class, 2L);
      Stage c = new Stage(3);
      Stage ra = new Stage(1);
      Stage rb = new Stage(2);
      Stage rc = new Stage(3);
      try (Linear3Graph g = Linear3Graph.compile(a, b, Placement.local(c), GraphOptions.defaults())) {
        Deque<Linear3Graph.Ref> refs = new ArrayDeque<>();
        Deque<Long> expected = new ArrayDeque<>();
        int matched = 0;
        for (int i = 0; i < count; i++) {
          long x = (i * 7919L) % 1000;
          expected.add(ClusterGraphs.linear3(x, ra, rb, rc));
          refs.add(g.execute(x));
          if (refs.size() == Linear3Graph.MAX_INFLIGHT || i == count - 1) {
            while (!refs.isEmpty()) {
              long got = refs.poll().get();
              long want = expected.poll();
              if (got != want) {
                System.out.println("MISMATCH at " + matched + ": " + got + " != " + want);
                return;
              }
              matched++;
            }
          }
        }
        System.out.println("MATCH " + matched);
        boolean announced = false;
        try {
          for (long i = 0; ; i++) {
            g.execute(i % 1000).get();
            if (!announced) {
              System.out.println("RUNNING");
              announced = true;
            }
          }
        } catch (GraphBrokenException e) {
          System.out.println("BROKEN " + System.currentTimeMillis() + " " + e.getMessage().replace('\n', ' '));
        }
        // The test may reconnect the host meanwhile: a broken graph stays broken.
        Thread.sleep(3000);
        try {
          g.execute(1).get();
          System.out.println("UNBROKEN");
        } catch (GraphBrokenException e) {
          System.out.println("STILL BROKEN");
        }
      }
      try (EchoGraph again = EchoGraph.compile(c)) { // the local actor was released by the break
        again.execute(1).get();
        System.out.println("RELEASED");
      }
    }
    System.out.println("DONE");
  }
}
