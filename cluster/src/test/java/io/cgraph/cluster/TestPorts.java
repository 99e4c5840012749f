package io.cgraph.cluster;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free loopback ports for tests, taken below the kernel's ephemeral range: a host's data port is
 * bound only when a graph attaches, and a port from the ephemeral range (what {@code bind(0)} hands
 * out) could meanwhile become some connection's or Aeron publication's local port ("Address already
 * in use" once in a CI run).
 */
final class TestPorts {
  private static final java.util.Random RANDOM = new java.util.Random();
  private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private TestPorts() {}

  /** A port free for both TCP and UDP on 127.0.0.1 right now, outside the ephemeral range, not handed out before. */
  static int free() {
    int low = ephemeralLow();
    int from = Math.max(1024, low - 12000);
    for (int attempt = 0; attempt < 500; attempt++) {
      int port = from + RANDOM.nextInt(low - from);
      if (GIVEN.contains(port)) {
        continue;
      }
      try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
          DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
        GIVEN.add(port);
        return port;
      } catch (IOException taken) {
        // in use for TCP or UDP: try another
      }
    }
    throw new IllegalStateException("no free port below " + low);
  }

  /** The first port of the kernel's ephemeral range (32768 where it cannot be read). */
  private static int ephemeralLow() {
    try {
      String range = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
      int low = Integer.parseInt(range.trim().split("\\s+")[0]);
      return low > 2048 ? low : 32768;
    } catch (IOException | RuntimeException e) {
      return 32768;
    }
  }
}
