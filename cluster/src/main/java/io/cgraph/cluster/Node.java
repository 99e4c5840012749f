package io.cgraph.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.cgraph.runtime.internal.ChannelDirs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;

/**
 * A driver's or host agent's membership of the cluster (one Pekko actor system); the Aeron of the
 * JVM ({@link #aeron}) outlives it: a host agent that the cluster downs joins again with a new one.
 */
final class Node implements AutoCloseable {
  static final String SYSTEM = "cgraph";

  final ClusterOptions options;
  final ActorSystem<Void> system;
  final AeronNode aeron;

  private Node(ClusterOptions options, ActorSystem<Void> system, AeronNode aeron) {
    this.options = options;
    this.system = system;
    this.aeron = aeron;
  }

  /** Joins the cluster with {@code role} added to the options' roles; {@code aeron} is this JVM's. */
  static Node start(ClusterOptions options, String role, Behavior<Void> guardian, AeronNode aeron) {
    return new Node(options, ActorSystem.create(guardian, SYSTEM, config(options, role)), aeron);
  }

  /** Starts this JVM's Aeron for {@code options}. */
  static AeronNode aeron(ClusterOptions options) {
    io.cgraph.runtime.JvmOptions.check();
    if (!Object.class.getModule().isExported("jdk.internal.misc", Node.class.getModule())) {
      throw new io.cgraph.runtime.CGraphException("Aeron needs the JVM option --add-exports=java.base/jdk.internal.misc="
          + (Node.class.getModule().isNamed() ? Node.class.getModule().getName() : "ALL-UNNAMED")
          + "; start java with all of cgraph's options: `java @cgraph.args ...` (written by"
          + " `java -cp <cgraph-runtime jar> io.cgraph.runtime.JvmOptions > cgraph.args`)");
    }
    return AeronNode.start(options.aeronDir != null ? options.aeronDir : ChannelDirs.defaultParent(),
        idle(options.dataIdle));
  }

  static IdleStrategy idle(ClusterOptions.DataIdle idle) {
    return switch (idle) {
      case BUSY_SPIN -> new BusySpinIdleStrategy();
      case YIELDING -> new YieldingIdleStrategy();
      case BACKOFF -> new BackoffIdleStrategy(100, 100, TimeUnit.MICROSECONDS.toNanos(1),
          TimeUnit.MICROSECONDS.toNanos(100));
    };
  }

  /** The data endpoint other hosts send to. */
  String dataEndpoint() {
    return ClusterOptions.hostPort(options.host, options.dataPort);
  }

  static Config config(ClusterOptions o, String role) {
    Map<String, Object> dynamic = new HashMap<>();
    dynamic.put("pekko.remote.artery.canonical.hostname", o.host);
    dynamic.put("pekko.remote.artery.canonical.port", o.port);
    dynamic.put("pekko.remote.artery.bind.hostname", o.host); // never 0.0.0.0
    List<String> seeds = new ArrayList<>();
    for (String s : o.seeds) {
      seeds.add("pekko://" + SYSTEM + "@" + s);
    }
    dynamic.put("pekko.cluster.seed-nodes", seeds);
    List<String> roles = new ArrayList<>(o.roles);
    roles.add(role);
    dynamic.put("pekko.cluster.roles", roles);
    dynamic.put("pekko.cluster.failure-detector.heartbeat-interval", millis(o.heartbeat));
    dynamic.put("pekko.cluster.failure-detector.acceptable-heartbeat-pause", millis(o.acceptablePause));
    if (!slf4jProvider()) {
      // No SLF4J binding: Pekko's own logger (warnings to stdout) instead of SLF4J's silent fallback,
      // so that its warnings (unreachable members, downing) are seen.
      dynamic.put("pekko.use-slf4j", "off");
    }
    Config fixed = ConfigFactory.parseString(String.join("\n",
        "pekko {",
        "  loglevel = WARNING",
        "  stdout-loglevel = WARNING",
        "  log-dead-letters = 0",
        "  log-dead-letters-during-shutdown = off",
        "  jvm-exit-on-fatal-error = off",
        "  coordinated-shutdown.exit-jvm = off",
        "  actor {",
        "    provider = cluster",
        "    allow-java-serialization = off",
        "    serializers { cgraph = \"io.cgraph.cluster.EnvelopeSerializer\" }",
        "    serialization-bindings { \"io.cgraph.cluster.Envelope\" = cgraph }",
        "  }",
        "  remote.artery {",
        "    transport = tcp",
        "    advanced.maximum-frame-size = 4MiB",
        "  }",
        "  cluster {",
        "    jmx.enabled = off",
        "    log-info = off",
        "    downing-provider-class = \"org.apache.pekko.cluster.sbr.SplitBrainResolverProvider\"",
        "    split-brain-resolver.active-strategy = keep-majority",
        "    split-brain-resolver.keep-majority.role = driver",
        "    split-brain-resolver.stable-after = 5s",
        "    unreachable-nodes-reaper-interval = 250ms",
        "    failure-detector.expected-response-after = 500ms",
        "  }",
        "}"));
    return ConfigFactory.parseString(o.pekkoConfig)
        .withFallback(ConfigFactory.parseMap(dynamic))
        .withFallback(fixed)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  /** Whether an SLF4J provider is on the class path (else SLF4J would drop every log line). */
  private static boolean slf4jProvider() {
    try {
      return java.util.ServiceLoader.load(org.slf4j.spi.SLF4JServiceProvider.class).findFirst().isPresent();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static String millis(Duration d) {
    return d.toMillis() + "ms";
  }

  /** Leaves the cluster and stops the actor system (not Aeron). */
  @Override
  public void close() {
    try {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.getLogger("io.cgraph.cluster").log(System.Logger.Level.WARNING, "Pekko did not terminate in time", e);
    }
  }
}
