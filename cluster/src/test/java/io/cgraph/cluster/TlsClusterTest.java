package io.cgraph.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.cluster.graphs.EchoGraph;
import io.cgraph.cluster.graphs.Stage;
import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.GraphOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pekko remoting over TLS with mutual authentication, configured through
 * {@link ClusterOptions.Builder#pekkoConfig}: members holding the cluster's certificate form the
 * cluster and run a graph; a driver with a certificate the cluster does not trust, or without TLS,
 * never sees a host.
 */
class TlsClusterTest {
  @TempDir Path tmp;

  /** A PKCS12 key store with one self-signed key pair, made by the JDK's keytool. */
  private Path keyStore(String name) throws Exception {
    Path ks = tmp.resolve(name + ".p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name, "-validity", "2",
        "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "secret-" + name, "-keypass",
        "secret-" + name).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    return ks;
  }

  /** TLS with {@code ks} as both key store and trust store: only holders of its certificate are trusted. */
  private static String tls(Path ks, String password) {
    return String.join("\n",
        "pekko.remote.artery.transport = tls-tcp",
        "pekko.remote.artery.ssl.config-ssl-engine {",
        "  key-store = \"" + ks + "\"",
        "  trust-store = \"" + ks + "\"",
        "  key-store-password = \"" + password + "\"",
        "  key-password = \"" + password + "\"",
        "  trust-store-password = \"" + password + "\"",
        "  require-mutual-authentication = on",
        "}");
  }

  private ClusterOptions.Builder node(String name, int port, int seedPort) {
    return ClusterOptions.builder().name(name).bind("127.0.0.1", port).dataPort(TestPorts.free())
        .seed("127.0.0.1:" + seedPort).aeronDir(tmp.resolve("aeron-" + name)).channelDir(tmp.resolve("ch-" + name));
  }

  @Test
  void membersWithTheClustersCertificateRunAGraphAndStrangersSeeNoHost() {
    assertTimeoutPreemptively(Duration.ofMinutes(4), () -> {
      Path cluster = keyStore("cluster");
      Path stranger = keyStore("stranger");
      int agentPort = TestPorts.free();
      try (HostAgent agent = HostAgent.start(node("tls-host", agentPort, agentPort)
          .pekkoConfig(tls(cluster, "secret-cluster")).build())) {
        try (CGraphCluster driver = CGraphCluster.join(node("tls-driver", TestPorts.free(), agentPort)
            .pekkoConfig(tls(cluster, "secret-cluster")).build())) {
          List<HostInfo> hosts = driver.awaitHosts(1, Duration.ofSeconds(60));
          assertEquals("tls-host", hosts.get(0).name());
          assertTrue(hosts.get(0).address().startsWith("pekko://cgraph@127.0.0.1:"), hosts.get(0).address());
          try (EchoGraph g = EchoGraph.compile(driver.spawn("tls-host", Stage.class, 3L),
              GraphOptions.defaults().withChannelDir(tmp.resolve("driver")))) {
            assertEquals(4, g.execute(1).get());
          }
        }
        for (String who : new String[] {"untrusted", "plain"}) {
          ClusterOptions.Builder b = node("driver-" + who, TestPorts.free(), agentPort);
          if (who.equals("untrusted")) {
            b.pekkoConfig(tls(stranger, "secret-stranger"));
          }
          try (CGraphCluster outsider = CGraphCluster.join(b.build())) {
            CGraphException e = assertThrows(CGraphException.class,
                () -> outsider.awaitHosts(1, Duration.ofSeconds(8)), who);
            assertTrue(e.getMessage().contains("only 0 of 1 host agents registered"), e.getMessage());
          }
        }
      }
    });
  }
}
