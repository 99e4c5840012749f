package io.cgraph.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * "Hosts" for tests: Linux network namespaces {@code <tag>-0 ...}, each with one veth link to a
 * bridge in a hub namespace and an address {@code 10.213.<net>.<i + 2>/24}; a process started in a
 * host gets a mount namespace of its own with a private tmpfs on /dev/shm, so hosts share neither a
 * network stack nor shared memory. Needs root (or CAP_SYS_ADMIN and CAP_NET_ADMIN) and iproute2.
 * {@link #close()} deletes every namespace (which removes the links).
 */
final class Lan implements AutoCloseable {
  private final String tag;
  private final int hosts;
  private final int net;
  private final List<String> created = new ArrayList<>();

  private Lan(String tag, int hosts, int net) {
    this.tag = tag;
    this.hosts = hosts;
    this.net = net;
  }

  /** Why namespaces cannot be used here, or null when they can. */
  static String unavailable() {
    String probe = "cgp-" + ProcessHandle.current().pid();
    try {
      String out = run("ip", "netns", "add", probe);
      if (out != null) {
        return "cannot create a network namespace (" + out.trim() + ")";
      }
      String mount = run("ip", "netns", "exec", probe, "unshare", "-m", "--propagation", "private", "sh", "-c",
          "mount -t tmpfs -o size=1m tmpfs /dev/shm");
      return mount == null ? null : "cannot mount a private /dev/shm in a namespace (" + mount.trim() + ")";
    } catch (IOException e) {
      return "cannot run ip (iproute2) or unshare (util-linux): " + e.getMessage();
    } finally {
      try {
        run("ip", "netns", "del", probe);
      } catch (IOException e) {
        // was never created
      }
    }
  }

  /** Creates {@code hosts} hosts on one bridge; {@code net} (0-255) keeps concurrent LANs apart. */
  static Lan create(int hosts, int net) throws IOException {
    String tag = "cg" + Long.toString(ProcessHandle.current().pid() % 100000, 36) + net;
    Lan lan = new Lan(tag, hosts, net);
    try {
      lan.must("ip", "netns", "add", lan.hub());
      lan.created.add(lan.hub());
      lan.must("ip", "netns", "exec", lan.hub(), "ip", "link", "add", "br0", "type", "bridge");
      lan.must("ip", "netns", "exec", lan.hub(), "ip", "link", "set", "br0", "up");
      for (int i = 0; i < hosts; i++) {
        String ns = lan.ns(i);
        lan.must("ip", "netns", "add", ns);
        lan.created.add(ns);
        String v = tag + "v" + i;
        String h = tag + "h" + i;
        lan.must("ip", "link", "add", v, "type", "veth", "peer", "name", h);
        lan.must("ip", "link", "set", v, "netns", ns);
        lan.must("ip", "link", "set", h, "netns", lan.hub());
        lan.must("ip", "netns", "exec", lan.hub(), "ip", "link", "set", h, "master", "br0");
        lan.must("ip", "netns", "exec", lan.hub(), "ip", "link", "set", h, "up");
        lan.must("ip", "netns", "exec", ns, "ip", "addr", "add", lan.address(i) + "/24", "dev", v);
        lan.must("ip", "netns", "exec", ns, "ip", "link", "set", v, "up");
        lan.must("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
      }
      return lan;
    } catch (IOException | RuntimeException e) {
      lan.close();
      throw e;
    }
  }

  private String hub() {
    return tag + "-hub";
  }

  String ns(int host) {
    return tag + "-" + host;
  }

  String address(int host) {
    return "10.213." + net + "." + (host + 2);
  }

  /** The command prefix that runs a program on {@code host}, with a private /dev/shm. */
  List<String> on(int host) {
    return List.of("ip", "netns", "exec", ns(host), "unshare", "-m", "--propagation", "private", "sh", "-c",
        "mount -t tmpfs -o size=512m,mode=1777 tmpfs /dev/shm && exec \"$@\"", "sh");
  }

  /** Cuts {@code host}'s link (a silent partition: no packet in or out, nothing closes). */
  void linkDown(int host) throws IOException {
    must("ip", "netns", "exec", hub(), "ip", "link", "set", tag + "h" + host, "down");
  }

  void linkUp(int host) throws IOException {
    must("ip", "netns", "exec", hub(), "ip", "link", "set", tag + "h" + host, "up");
  }

  private void must(String... cmd) throws IOException {
    String err = run(cmd);
    if (err != null) {
      throw new IOException(String.join(" ", cmd) + ": " + err.trim());
    }
  }

  /** Runs {@code cmd}; null on success, else its output. */
  private static String run(String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "timed out";
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
  }

  /** Deletes every namespace this LAN created (processes in them must be gone first). */
  @Override
  public void close() {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        run("ip", "netns", "del", created.get(i));
      } catch (IOException e) {
        // reported by the test that checks nothing is left
      }
    }
    created.clear();
  }

  /** The namespaces of this LAN that still exist. */
  List<String> leftovers() throws IOException {
    Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    List<String> left = new ArrayList<>();
    for (String line : out.split("\n")) {
      String name = line.split(" ")[0];
      if (name.startsWith(tag + "-")) {
        left.add(name);
      }
    }
    return left;
  }

  @Override
  public String toString() {
    return "Lan[" + tag + ", " + hosts + " hosts on 10.213." + net + ".0/24]";
  }
}
