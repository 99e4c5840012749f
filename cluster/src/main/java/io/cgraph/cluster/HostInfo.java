package io.cgraph.cluster;

import java.util.List;

/**
 * A host agent as a driver sees it: its name, its cluster address ({@code pekko://cgraph@host:port}),
 * its Aeron data endpoint, its roles and its process id on its machine.
 *
 * @param name the agent's name ({@link ClusterOptions#name()})
 * @param address its cluster address, {@code pekko://cgraph@host:port}
 * @param dataEndpoint its Aeron data endpoint, {@code host:port}
 * @param roles its roles
 * @param pid its process id on its machine
 */
public record HostInfo(String name, String address, String dataEndpoint, List<String> roles, long pid) {
  @Override
  public String toString() {
    return "host '" + name + "' (" + address + ")";
  }
}
