package io.cgraph.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a driver ({@link CGraphCluster#join}) or a host agent ({@link HostAgent#start}) takes part in a
 * cgraph cluster. Every listener binds to {@link Builder#bind the given address}, never to all
 * interfaces: Pekko's control port (TCP) and the Aeron data port (UDP).
 *
 * <p><b>Security.</b> Pekko remoting is plain TCP unless TLS is configured through
 * {@link Builder#pekkoConfig} ({@code pekko.remote.artery.transport = tls-tcp} with its key stores:
 * mutual authentication); Aeron UDP is neither authenticated nor encrypted. Run a cluster on a
 * private network that only its hosts can reach.
 *
 * <p>Immutable; build with {@link #builder()}.
 */
public final class ClusterOptions {
  /** How the data path (the Aeron media driver and each graph's bridge thread) waits when idle. */
  public enum DataIdle {
    /** Spin: the lowest latency; burns a core per waiting thread. */
    BUSY_SPIN,
    /** Yield between polls: low latency, a core's worth of yields while idle. */
    YIELDING,
    /** Spin, yield, then park up to 100 µs: a small idle cost; a wake-up takes up to a park. The default. */
    BACKOFF
  }

  final String name;
  final String host;
  final int port;
  final int dataPort;
  final List<String> seeds;
  final List<String> roles;
  final Duration heartbeat;
  final Duration acceptablePause;
  final DataIdle dataIdle;
  final boolean actorsOnDataThread;
  final boolean waitersRunDataPath;
  final Path channelDir;
  final Path aeronDir;
  final String pekkoConfig;
  final Duration requestTimeout;

  private ClusterOptions(Builder b) {
    this.name = b.name;
    this.host = b.host;
    this.port = b.port;
    this.dataPort = b.dataPort < 0 ? b.port + 1 : b.dataPort;
    if (b.port == 0 && b.dataPort <= 0 || dataPort == 0 || dataPort > 65535) {
      throw new IllegalArgumentException("the data port must be a fixed port that other hosts can reach (got "
          + dataPort + "); set dataPort(...) when the control port is 0 or 65535");
    }
    this.seeds = List.copyOf(b.seeds);
    this.roles = List.copyOf(b.roles);
    this.heartbeat = b.heartbeat;
    this.acceptablePause = b.acceptablePause;
    this.dataIdle = b.dataIdle;
    this.actorsOnDataThread = b.actorsOnDataThread;
    this.waitersRunDataPath = b.waitersRunDataPath;
    this.channelDir = b.channelDir;
    this.aeronDir = b.aeronDir;
    this.pekkoConfig = b.pekkoConfig;
    this.requestTimeout = b.requestTimeout;
  }

  /**
   * A builder with every option at its default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * This node's name (host agents: how graphs and errors name the host).
   *
   * @return the node name
   */
  public String name() {
    return name;
  }

  /**
   * The address every listener binds to, and that other hosts use to reach this one.
   *
   * @return the bind address
   */
  public String host() {
    return host;
  }

  /**
   * Pekko's TCP port (control).
   *
   * @return the control port
   */
  public int port() {
    return port;
  }

  /**
   * Aeron's UDP port (data); by default the control port plus one.
   *
   * @return the data port
   */
  public int dataPort() {
    return dataPort;
  }

  /**
   * The seed nodes, {@code host:port} each, in the order given.
   *
   * @return the seeds, unmodifiable
   */
  public List<String> seeds() {
    return seeds;
  }

  /**
   * The roles of this node, in the order given.
   *
   * @return the roles, unmodifiable; empty by default
   */
  public List<String> roles() {
    return roles;
  }

  @Override
  public String toString() {
    return "ClusterOptions[" + name + " at " + hostPort(host, port) + " (data " + dataPort + "), seeds " + seeds
        + ", roles " + roles + "]";
  }

  /** {@code host:port}, with an IPv6 address in brackets ({@code [::1]:2551}), as URIs, Pekko and Aeron write it. */
  static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** {@code host} without the brackets of an IPv6 literal. */
  static String unbracketed(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** Builder of {@link ClusterOptions}. */
  public static final class Builder {
    private String name = "cgraph-" + ProcessHandle.current().pid();
    private String host = "127.0.0.1";
    private int port = 2551;
    private int dataPort = -1;
    private final List<String> seeds = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();
    private Duration heartbeat = Duration.ofMillis(200);
    private Duration acceptablePause = Duration.ofSeconds(1);
    private DataIdle dataIdle = DataIdle.BACKOFF;
    private boolean actorsOnDataThread;
    private boolean waitersRunDataPath = true;
    private Path channelDir;
    private Path aeronDir;
    private String pekkoConfig = "";
    private Duration requestTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * This node's name; for a host agent, the host name graphs and errors use (default {@code cgraph-<pid>}).
     *
     * @param name the node name; not blank
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder name(String name) {
      this.name = requireText(name, "name");
      return this;
    }

    /**
     * The address to bind and announce, an IP address or a name of this host (default
     * {@code 127.0.0.1}); {@code port} is Pekko's control port (TCP).
     *
     * @param host the address to bind and announce; not blank, not a wildcard ({@code 0.0.0.0}, {@code ::} in any spelling)
     * @param port Pekko's control port, 0..65535 (0: any free port); default 2551
     * @return this builder
     * @throws IllegalArgumentException if {@code host} is blank or a wildcard address, or {@code port} is out of
     *     range
     */
    public Builder bind(String host, int port) {
      this.host = unbracketed(requireText(host, "host"));
      if (isWildcard(this.host)) {
        throw new IllegalArgumentException("bind to the address other hosts reach this one at, not " + host
            + ": cgraph never listens on every interface");
      }
      this.port = checkPort(port, "port");
      return this;
    }

    /**
     * Aeron's UDP port for graph data (default: the control port plus one).
     *
     * @param dataPort Aeron's UDP port, 1..65535 ({@link #build()} refuses 0)
     * @return this builder
     * @throws IllegalArgumentException if {@code dataPort} is negative or above 65535
     */
    public Builder dataPort(int dataPort) {
      this.dataPort = checkPort(dataPort, "dataPort");
      return this;
    }

    /**
     * A seed node, {@code host:port} of a node that is (or will be) up; the first seed of a new
     * cluster joins itself. Every node lists the same seeds.
     *
     * @param hostPort the seed's {@code host:port}, with an IPv6 address in brackets
     * @return this builder
     * @throws IllegalArgumentException if {@code hostPort} is not {@code host:port} or its port is out of range
     */
    public Builder seed(String hostPort) {
      int colon = requireText(hostPort, "seed").lastIndexOf(':');
      if (colon <= 0 || colon == hostPort.length() - 1) {
        throw new IllegalArgumentException("a seed is host:port (an IPv6 address in brackets: [::1]:2551), got '"
            + hostPort + "'");
      }
      int port = checkPort(Integer.parseInt(hostPort.substring(colon + 1)), "seed port");
      seeds.add(hostPort(unbracketed(hostPort.substring(0, colon)), port));
      return this;
    }

    /**
     * A role of this node, which {@link CGraphCluster#spawn} can place actors by (e.g. {@code gpu}).
     *
     * @param role the role; not blank
     * @return this builder
     * @throws IllegalArgumentException if {@code role} is blank
     */
    public Builder role(String role) {
      roles.add(requireText(role, "role"));
      return this;
    }

    /**
     * Failure detection: heartbeats every {@code heartbeat}; a node silent for longer than
     * {@code acceptablePause} (plus detector margin) is unreachable and breaks its graphs
     * (defaults 200 ms and 1 s: about 1.3–2 s from a kill to the break). Keep the pause at 1 s or
     * more next to busy-spinning threads on few cores.
     *
     * @param heartbeat the interval between heartbeats; positive, default 200 ms
     * @param acceptablePause how long a node may be silent before it is unreachable; positive, default 1 s
     * @return this builder
     * @throws IllegalArgumentException if either is zero or negative
     */
    public Builder failureDetection(Duration heartbeat, Duration acceptablePause) {
      this.heartbeat = positive(heartbeat, "heartbeat");
      this.acceptablePause = positive(acceptablePause, "acceptablePause");
      return this;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, got " + d);
      }
      return d;
    }

    /** Whether {@code host} is an address literal for every interface ({@code 0.0.0.0}, {@code ::}, {@code 0:0:0:0:0:0:0:0}, {@code 0}). */
    private static boolean isWildcard(String host) {
      if (!host.matches("[0-9.]+") && !host.contains(":")) {
        return false; // a name: not resolved here
      }
      try {
        return java.net.InetAddress.getByName(host).isAnyLocalAddress(); // a literal: no lookup
      } catch (java.net.UnknownHostException e) {
        return false; // not an address literal after all: Pekko reports it
      }
    }

    /**
     * How the data path waits when idle (default {@link DataIdle#BACKOFF}).
     *
     * @param dataIdle how the data path waits; not null, default {@link DataIdle#BACKOFF}
     * @return this builder
     */
    public Builder dataIdle(DataIdle dataIdle) {
      this.dataIdle = Objects.requireNonNull(dataIdle, "dataIdle");
      return this;
    }

    /**
     * Host agents: run this host's actors on the data thread itself (off by default), where a
     * message that arrives is mirrored, computed and sent on in one round, with no hand-off between
     * threads on this host: for actors whose calls are short (microseconds). Every graph's actors on
     * this host then share that one thread, and a call that runs long holds up all cross-host
     * traffic of this host (and one that never returns, its {@code close()}). An actor that waits
     * within an execution for its own earlier call keeps an executor of its own.
     *
     * @param on whether host agents run this host's actors on the data thread; default false
     * @return this builder
     */
    public Builder actorsOnDataThread(boolean on) {
      this.actorsOnDataThread = on;
      return this;
    }

    /**
     * Threads of this JVM that wait on a graph across hosts run the data thread's rounds
     * themselves while they wait (on by default): a driver's thread in {@code get} (or in a channel
     * write that waits for room), and the executor threads of actors here while they have nothing
     * to do (not while a call runs; not on a host agent that runs its actors on the data thread).
     * A message from another host then reaches the thread that wants it in the round that
     * receives it, and a result leaves in the round after it is written, with no hand-off to the
     * data thread, which stands aside meanwhile (parked) and takes over when no thread waits: at
     * once when a waiting thread parks, within a millisecond when it leaves for other work. A
     * thread that is interrupted runs no round. Off: only the data thread polls the network, and
     * each message that crosses a host is handed between threads.
     *
     * @param on whether waiting threads run the data path; default true
     * @return this builder
     */
    public Builder waitersRunDataPath(boolean on) {
      this.waitersRunDataPath = on;
      return this;
    }

    /**
     * Where host agents create graphs' channel directories (default /dev/shm, or the temp directory).
     *
     * @param dir the directory that holds the channel directories; not null
     * @return this builder
     */
    public Builder channelDir(Path dir) {
      this.channelDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Where this node's Aeron directory goes (default /dev/shm, or the temp directory).
     *
     * @param dir the directory that holds this node's Aeron directory; not null
     * @return this builder
     */
    public Builder aeronDir(Path dir) {
      this.aeronDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Extra Pekko configuration (HOCON) that overrides cgraph's, e.g. TLS for remoting.
     *
     * @param hocon Pekko configuration in HOCON; not null, default empty
     * @return this builder
     */
    public Builder pekkoConfig(String hocon) {
      this.pekkoConfig = Objects.requireNonNull(hocon, "hocon");
      return this;
    }

    /**
     * How long a control request (spawn, attach, detach) may take (default 60 s).
     *
     * @param timeout the longest a control request may take; positive, default 60 s
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * The options with this builder's values.
     *
     * @return the options
     * @throws IllegalArgumentException if the data port is 0, or is not set while the control port is 0 or
     *     65535
     */
    public ClusterOptions build() {
      return new ClusterOptions(this);
    }

    private static String requireText(String s, String what) {
      if (Objects.requireNonNull(s, what).isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return s;
    }

    private static int checkPort(int port, String what) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(what + " must be between 0 and 65535, got " + port);
      }
      return port;
    }
  }
}
