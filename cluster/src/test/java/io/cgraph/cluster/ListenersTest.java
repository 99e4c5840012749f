package io.cgraph.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cgraph.cluster.graphs.EchoGraph;
import io.cgraph.cluster.graphs.Stage;
import io.cgraph.runtime.GraphOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every socket that a host agent and a driver listen on is bound to the configured address, never to
 * every interface: read from Linux's socket tables, matched to this JVM's own file descriptors.
 */
class ListenersTest {
  @TempDir Path tmp;

  /** A listening TCP socket or a bound UDP socket of this process: "tcp 127.0.0.1:2552". */
  private static Set<String> listeners() throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    }
    Set<String> found = new HashSet<>();
    for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
      Path p = Path.of("/proc/net", table);
      if (!Files.exists(p)) {
        continue;
      }
      List<String> lines = Files.readAllLines(p);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        boolean listening = table.startsWith("tcp") ? f[3].equals("0A") : f[3].equals("07");
        if (listening && inodes.contains(f[9])) {
          found.add(table.substring(0, 3) + " " + address(f[1]));
        }
      }
    }
    return found;
  }

  /**
   * "0100007F:09F8" to "127.0.0.1:2552"; an IPv4-mapped IPv6 address (::ffff:a.b.c.d, how the JDK
   * binds an IPv4 address on a dual-stack socket) as its IPv4 address; other IPv6 addresses in hex.
   */
  private static String address(String hex) {
    String[] ap = hex.split(":");
    int port = Integer.parseInt(ap[1], 16);
    String ip = ap[0];
    if (ip.length() == 32 && ip.startsWith("0000000000000000FFFF0000")) {
      ip = ip.substring(24);
    }
    if (ip.length() != 8) {
      return ip + ":" + port;
    }
    long a = Long.parseLong(ip, 16);
    return (a & 0xff) + "." + (a >> 8 & 0xff) + "." + (a >> 16 & 0xff) + "." + (a >> 24 & 0xff) + ":" + port;
  }

  private static List<String> notOnLoopback(Set<String> listeners) {
    List<String> wide = new ArrayList<>();
    for (String l : listeners) {
      if (!l.contains(" 127.0.0.1:")) {
        wide.add(l);
      }
    }
    return wide;
  }

  @Test
  void aHostAgentAndADriverListenOnTheirBindAddressOnly() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")) && Files.exists(Path.of("/proc/net/tcp")),
        "needs Linux /proc");
    assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
      Set<String> before = listeners();
      int agentPort = TestPorts.free();
      int agentData = TestPorts.free();
      int driverPort = TestPorts.free();
      int driverData = TestPorts.free();
      CGraphCluster[] closed = new CGraphCluster[1];
      try (HostAgent agent = HostAgent.start(ClusterOptions.builder().name("h").bind("127.0.0.1", agentPort)
              .dataPort(agentData).seed("127.0.0.1:" + agentPort).aeronDir(tmp.resolve("a")).build());
          CGraphCluster driver = CGraphCluster.join(ClusterOptions.builder().name("d").bind("127.0.0.1", driverPort)
              .dataPort(driverData).seed("127.0.0.1:" + agentPort).aeronDir(tmp.resolve("d")).build())) {
        driver.awaitHosts(1, Duration.ofSeconds(60));
        closed[0] = driver;
        Set<String> now = listeners();
        now.removeAll(before);
        assertEquals(List.of(), notOnLoopback(now), "listeners not on the bind address; all new ones: " + now);
        assertTrue(now.contains("tcp 127.0.0.1:" + agentPort), now.toString());
        assertTrue(now.contains("tcp 127.0.0.1:" + driverPort), now.toString());
        assertTrue(now.stream().noneMatch(l -> l.startsWith("udp")), "no data socket before a graph: " + now);
        try (EchoGraph g = EchoGraph.compile(driver.spawn("h", Stage.class, 1L),
            GraphOptions.defaults().withChannelDir(tmp.resolve("ch")))) {
          assertEquals(2, g.execute(1).get());
          Set<String> running = listeners();
          running.removeAll(before);
          assertEquals(List.of(), notOnLoopback(running), "with a graph running; all: " + running);
          assertTrue(running.contains("udp 127.0.0.1:" + driverData), running.toString());
          assertTrue(running.contains("udp 127.0.0.1:" + agentData), running.toString());
        }
      }
      // A closed connection says so at once, rather than waiting out the timeout for hosts that cannot come.
      long start = System.nanoTime();
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> closed[0].awaitHosts(2, Duration.ofSeconds(60)));
      assertEquals("this cluster connection is closed", e.getMessage());
      assertTrue(System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(30), "not at once");
    });
  }
}
