package io.cgraph.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Addresses as users write them, IPv6 included, and as Pekko and Aeron are given them. */
class ClusterOptionsTest {
  @Test
  void ipv6AddressesAreBracketedWhereAPortFollows() {
    ClusterOptions o = ClusterOptions.builder().name("h6").bind("[::1]", 2551).dataPort(2560)
        .seed("[::1]:2551").seed("10.0.0.1:2551").build();
    assertEquals("::1", o.host(), "bound as the bare address");
    assertEquals(List.of("[::1]:2551", "10.0.0.1:2551"), o.seeds());
    assertEquals("[::1]:2551", ClusterOptions.hostPort("::1", 2551));
    assertEquals("10.0.0.2:7", ClusterOptions.hostPort("10.0.0.2", 7));
    com.typesafe.config.Config c = Node.config(o, "host");
    assertEquals(List.of("pekko://cgraph@[::1]:2551", "pekko://cgraph@10.0.0.1:2551"),
        c.getStringList("pekko.cluster.seed-nodes"));
    assertEquals("::1", c.getString("pekko.remote.artery.bind.hostname"));
    assertTrue(o.toString().contains("h6 at [::1]:2551"), o.toString());
  }

  @Test
  void everyInterfaceIsRefusedInEitherSpelling() {
    for (String any : List.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0", "[0::0]", "0", "000.000.000.000")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ClusterOptions.builder().bind(any, 2551));
      assertTrue(e.getMessage().contains("cgraph never listens on every interface"), e.getMessage());
    }
  }

  @Test
  void aSeedWithoutAPortSaysHowToWriteOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClusterOptions.builder().seed("10.0.0.1"));
    assertEquals("a seed is host:port (an IPv6 address in brackets: [::1]:2551), got '10.0.0.1'", e.getMessage());
  }

  @Test
  void aSpecificAddressOrANameIsNotAWildcard() {
    for (String host : List.of("127.0.0.1", "::1", "[::1]", "10.0.0.0", "localhost", "h1.example")) {
      assertEquals(host.replace("[", "").replace("]", ""), ClusterOptions.builder().name("h").bind(host, 2551)
          .dataPort(2560).seed("10.0.0.1:2551").build().host());
    }
  }

  @Test
  void timeoutsMustBePositive() {
    for (java.time.Duration bad : List.of(java.time.Duration.ZERO, java.time.Duration.ofMillis(-1))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ClusterOptions.builder().requestTimeout(bad));
      assertEquals("timeout must be positive, got " + bad, e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> ClusterOptions.builder().failureDetection(bad, java.time.Duration.ofSeconds(1)));
      assertEquals("heartbeat must be positive, got " + bad, e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> ClusterOptions.builder().failureDetection(java.time.Duration.ofMillis(200), bad));
      assertEquals("acceptablePause must be positive, got " + bad, e.getMessage());
    }
  }
}
