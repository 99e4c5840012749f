package io.cgraph.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** {@link BridgeTest} between two IPv6 endpoints ({@code [::1]:port}, bracketed as Aeron reads them). */
class BridgeIpv6Test extends BridgeTest {
  @BeforeAll
  static void ipv6Loopback() throws IOException {
    Path inet6 = Path.of("/proc/net/if_inet6");
    Assumptions.assumeTrue(Files.exists(inet6) && Files.readString(inet6).contains("00000000000000000000000000000001"),
        "this machine has no IPv6 loopback (::1)");
  }

  @Override
  String loopback() {
    return "::1";
  }
}
