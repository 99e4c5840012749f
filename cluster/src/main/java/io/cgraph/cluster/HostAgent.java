package io.cgraph.cluster;

import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.WaitStrategy;
import io.cgraph.runtime.channel.Channel;
import io.cgraph.runtime.internal.ChannelDirs;
import io.cgraph.runtime.internal.GraphSpec;
import io.cgraph.runtime.internal.HostedGraph;
import io.cgraph.runtime.internal.WorkerProtocol;
import java.io.DataInputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The agent a user runs on each machine that hosts actors: it joins the cluster (Pekko), creates
 * actors that drivers {@link CGraphCluster#spawn spawn} here, and runs their part of each graph,
 * with channel rings on this host and the data path over Aeron.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp app.jar:... io.cgraph.cluster.HostAgent \
 *     --name gpu-1 --bind 10.0.0.2:2552 --seed 10.0.0.1:2551 --role gpu
 * </pre>
 *
 * <p>or from code: {@code try (HostAgent agent = HostAgent.start(options)) { agent.awaitTermination(); }}.
 * The actor classes and graph classes must be on the agent's class path. A driver that becomes
 * unreachable or leaves has its graphs here stopped and its actors dropped. The agent exits when the
 * cluster downs it (for example after a partition, as the split-brain resolver decides); restart it
 * to rejoin.
 */
public final class HostAgent implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.cgraph.cluster");

  private final ClusterOptions options;
  private final AeronNode aeron;
  private final ExecutorService control;
  private final Map<Long, Held> actors = new ConcurrentHashMap<>();
  private final Map<Long, Attached> graphs = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
  /** The current membership; replaced when the cluster downs this agent and it joins again. */
  private volatile Node node;
  /** Counted down when the current membership is Up. */
  private volatile CountDownLatch up;
  private volatile boolean closed;
  /** Whether a rejoin loop runs. */
  private final java.util.concurrent.atomic.AtomicBoolean rejoining = new java.util.concurrent.atomic.AtomicBoolean();

  /** An actor created here for a driver. */
  private static final class Held {
    final Object instance;
    final Address owner;
    /** The graph whose part on this host runs it, until that part stopped; stays set if it did not stop. */
    volatile String runningIn;

    Held(Object instance, Address owner) {
      this.instance = instance;
      this.owner = owner;
    }
  }

  /** One graph's part on this host. */
  private record Attached(long graphId, Address owner, ActorRef<Envelope> driver, HostedGraph hosted, Bridge bridge,
      Path dir, List<Held> held) {}

  private HostAgent(ClusterOptions options) {
    this.options = options;
    this.control = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cgraph-agent-control");
      t.setDaemon(true);
      return t;
    });
    try {
      this.aeron = Node.aeron(options);
    } catch (RuntimeException | Error e) {
      control.shutdownNow();
      throw e;
    }
  }

  /** Joins the cluster (again); returns once this member is Up, or throws after the request timeout. */
  private void join() {
    CountDownLatch latch = new CountDownLatch(1);
    up = latch;
    Node n = Node.start(options, "cgraph-host", Behaviors.setup(ctx -> {
      ctx.spawn(behavior(), "cgraph-host", Props.empty());
      return Behaviors.empty();
    }), aeron);
    node = n;
    n.system.getWhenTerminated().thenRun(() -> lostMembership(n));
    boolean up;
    try {
      up = latch.await(options.requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      up = false;
    }
    if (!up) {
      node = null; // so that this node's termination is not taken for a removal
      n.close();
      throw new CGraphException("host agent " + options.name + " did not join the cluster through seeds "
          + options.seeds + " within " + options.requestTimeout + "; check that a seed runs and is reachable");
    }
  }

  /**
   * The cluster removed this agent (the split-brain resolver downed it after a partition, or every
   * driver was lost): its graphs and actors are gone; it joins again as a new member. The sweep runs
   * on the control thread (after any attach in progress there), and one rejoin loop at most runs.
   */
  private void lostMembership(Node was) {
    if (closed || node != was) {
      return; // closed, or a failed join's own node (join clears node before it closes it)
    }
    try {
      control.execute(() -> {
        LOG.log(System.Logger.Level.WARNING, "host agent " + options.name + " was removed from the cluster; stopping"
            + " its graphs, dropping its actors, and joining again");
        for (Long g : List.copyOf(graphs.keySet())) {
          detach(g, 1000);
        }
        actors.clear();
        if (!rejoining.compareAndSet(false, true)) {
          return;
        }
        Thread t = new Thread(this::rejoin, "cgraph-agent-rejoin");
        t.setDaemon(true);
        t.start();
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  private void rejoin() {
    try {
      while (!closed) {
        try {
          Thread.sleep(1000);
          join();
          System.out.println("cgraph host agent " + options.name + " rejoined the cluster");
          return;
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "host agent " + options.name + " could not rejoin yet: " + e);
        }
      }
    } finally {
      rejoining.set(false);
    }
  }

  /**
   * Starts an agent with {@code options} and returns once it is a member of the cluster and registered.
   *
   * @param options this agent's options (name, bind address, seeds, roles); not null
   * @return the running agent, owned by the caller, who must close it
   * @throws CGraphException if the agent does not join the cluster within the request timeout
   */
  public static HostAgent start(ClusterOptions options) {
    HostAgent agent = new HostAgent(Objects.requireNonNull(options, "options"));
    try {
      agent.join();
    } catch (RuntimeException | Error e) {
      agent.close();
      throw e;
    }
    return agent;
  }

  /**
   * Command line: {@code --name NAME --bind HOST:PORT [--data-port N] --seed HOST:PORT ... [--role R ...]
   * [--channel-dir DIR] [--data-idle busy-spin|yielding|backoff] [--actors-on-data-thread true|false]
   * [--waiters-run-data-path true|false]}. Prints {@code cgraph host agent NAME up}
   * once it has joined; exits when the cluster downs it or on SIGTERM.
   *
   * @param args the command line, as above
   * @throws InterruptedException if the main thread is interrupted while the agent runs
   */
  public static void main(String[] args) throws InterruptedException {
    ClusterOptions.Builder b = ClusterOptions.builder();
    ClusterOptions options;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String v = i + 1 < args.length ? args[i + 1] : null;
        if (v == null) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        i++;
        switch (a) {
          case "--name" -> b.name(v);
          case "--bind" -> {
            int colon = v.lastIndexOf(':');
            if (colon <= 0) {
              throw new IllegalArgumentException("--bind is host:port, got " + v);
            }
            b.bind(v.substring(0, colon), Integer.parseInt(v.substring(colon + 1)));
          }
          case "--data-port" -> b.dataPort(Integer.parseInt(v));
          case "--seed" -> b.seed(v);
          case "--role" -> b.role(v);
          case "--channel-dir" -> b.channelDir(Path.of(v));
          case "--aeron-dir" -> b.aeronDir(Path.of(v));
          case "--data-idle" -> b.dataIdle(ClusterOptions.DataIdle.valueOf(v.toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
          case "--actors-on-data-thread" -> b.actorsOnDataThread(bool(a, v));
          case "--waiters-run-data-path" -> b.waitersRunDataPath(bool(a, v));
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      options = b.build(); // checks the combination (a data port of 0, a blank name): a usage error too
    } catch (IllegalArgumentException e) {
      System.err.println("HostAgent: " + e.getMessage());
      System.err.println("usage: HostAgent --name NAME --bind HOST:PORT [--data-port N] --seed HOST:PORT ..."
          + " [--role ROLE ...] [--channel-dir DIR] [--aeron-dir DIR] [--data-idle busy-spin|yielding|backoff]"
          + " [--actors-on-data-thread true|false] [--waiters-run-data-path true|false]");
      System.exit(2);
      return;
    }
    HostAgent agent;
    try {
      agent = start(options);
    } catch (CGraphException e) {
      System.err.println("HostAgent " + options.name + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "cgraph-agent-shutdown"));
    System.out.println("cgraph host agent " + options.name + " up at " + ClusterOptions.hostPort(options.host, options.port)
        + " (data " + agent.node.dataEndpoint() + ")");
    System.out.flush();
    agent.awaitTermination();
  }

  /**
   * Waits until the agent is closed (for example by SIGTERM); a removal from the cluster is followed by a rejoin.
   *
   * @throws InterruptedException if this thread is interrupted while waiting
   */
  public void awaitTermination() throws InterruptedException {
    try {
      closedFuture.get();
    } catch (java.util.concurrent.ExecutionException e) {
      // closed anyway
    }
  }

  private static boolean bool(String option, String value) {
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(option + " is true or false, got " + value);
    }
    return Boolean.parseBoolean(value);
  }

  /** The number of actors this agent holds for drivers (for tests). */
  int actorCount() {
    return actors.size();
  }

  /**
   * The name graphs and errors use for this host.
   *
   * @return the host name, from {@link ClusterOptions#name()}
   */
  public String name() {
    return options.name;
  }

  /** Stops every graph part here, leaves the cluster and stops Aeron. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Long g : List.copyOf(graphs.keySet())) {
      detach(g, 1000);
    }
    control.shutdownNow();
    Node n = node;
    if (n != null) {
      n.close();
    }
    aeron.close();
    closedFuture.complete(null);
  }

  // ---------------------------------------------------------------- messages

  private Behavior<Object> behavior() {
    return Behaviors.setup(ctx -> {
      ActorRef<Envelope> self = ctx.getSelf().narrow();
      ctx.getSystem().receptionist().tell(Receptionist.register(Protocol.HOSTS, self));
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberEvent.class));
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
      return Behaviors.receive(Object.class)
          .onMessage(Envelope.class, e -> {
            control.execute(() -> handle(e));
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.MemberUp.class, e -> {
            if (e.member().address().equals(cluster.selfMember().address())) {
              up.countDown();
            }
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.UnreachableMember.class, e -> {
            control.execute(() -> ownerGone(e.member().address(), "unreachable"));
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.MemberRemoved.class, e -> {
            control.execute(() -> ownerGone(e.member().address(), "removed from the cluster"));
            return Behaviors.same();
          })
          .onMessage(Object.class, e -> Behaviors.same())
          .build();
    });
  }

  private void handle(Envelope e) {
    if (e.replyTo == null) {
      return;
    }
    try {
      DataInputStream in = Protocol.read(e.body);
      byte[] reply = switch (e.type) {
        case Protocol.HELLO -> Protocol.body(out -> {
          out.writeUTF(options.name);
          out.writeUTF(node.dataEndpoint());
          out.writeInt(options.roles.size());
          for (String r : options.roles) {
            out.writeUTF(r);
          }
          out.writeLong(ProcessHandle.current().pid());
        });
        case Protocol.SPAWN -> {
          spawn(in, e.replyTo.path().address());
          yield new byte[0];
        }
        case Protocol.ATTACH -> {
          attach(in, e.replyTo);
          yield new byte[0];
        }
        case Protocol.DETACH -> {
          long graphId = in.readLong();
          long millis = in.readLong();
          // Off the control thread: an actor slow to stop must not hold up other drivers' requests.
          Thread t = new Thread(() -> {
            boolean stopped = detach(graphId, millis);
            e.replyTo.tell(new Envelope(Protocol.OK, e.request, Protocol.body(out -> out.writeBoolean(stopped)), null));
          }, "cgraph-agent-detach");
          t.setDaemon(true);
          t.start();
          yield null;
        }
        case Protocol.STATS -> {
          Attached a = graphs.get(in.readLong());
          yield Protocol.body(out -> {
            if (a == null) {
              out.writeInt(0);
            } else {
              a.hosted().writeCounters(out);
            }
          });
        }
        case Protocol.FORGET -> {
          long id = in.readLong();
          Address from = e.replyTo.path().address();
          actors.computeIfPresent(id, (k, h) -> h.owner.equals(from) ? null : h); // only its own driver's
          yield new byte[0];
        }
        default -> throw new CGraphException("unknown control message " + e.type);
      };
      if (reply != null) {
        e.replyTo.tell(new Envelope(Protocol.OK, e.request, reply, null));
      }
    } catch (Throwable t) {
      Throwable cause = t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
      e.replyTo.tell(new Envelope(Protocol.ERROR, e.request,
          Protocol.body(out -> WorkerProtocol.writeThrowable(out, cause)), null));
    }
  }

  private void spawn(DataInputStream in, Address owner) throws Exception {
    long id = in.readLong();
    actors.put(id, new Held(WorkerProtocol.construct(in, HostAgent.class.getClassLoader()), owner));
  }

  private void attach(DataInputStream in, ActorRef<Envelope> driver) throws Throwable {
    long graphId = in.readLong();
    int streamId = in.readInt();
    Class<?> graphClass = WorkerProtocol.load(in.readUTF(), HostAgent.class.getClassLoader());
    GraphSpec spec = WorkerProtocol.readSpec(in);
    int ringSlots = in.readInt();
    int bufferBytes = in.readInt();
    WaitStrategy wait = WorkerProtocol.readWait(in);
    int maxMessage = in.readInt();
    int[] hostOf = WorkerProtocol.readInts(in);
    int driverHost = in.readInt();
    int local = in.readInt();
    String[] endpoints = new String[in.readInt()];
    for (int i = 0; i < endpoints.length; i++) {
      endpoints[i] = in.readUTF();
    }
    String[] stems = new String[spec.channelCount()];
    for (int c = 0; c < stems.length; c++) {
      stems[c] = in.readUTF();
    }
    long[] actorIds = new long[spec.actorCount()];
    for (int a = 0; a < actorIds.length; a++) {
      actorIds[a] = in.readLong();
    }
    if (graphs.containsKey(graphId)) {
      throw new CGraphException(spec.graphName() + " is already attached on host " + options.name);
    }
    Object[] instances = new Object[actorIds.length];
    for (int a = 0; a < actorIds.length; a++) {
      if (hostOf[a] == local) {
        Held h = actors.get(actorIds[a]);
        if (h != null && !h.owner.equals(driver.path().address())) {
          h = null; // another driver's actor: as if it did not exist (ids are not secrets)
        }
        if (h == null) {
          throw new CGraphException("host " + options.name + " holds no actor #" + actorIds[a] + " for '"
              + spec.actorName(a) + "' (it was dropped when its driver left, or never spawned here)");
        }
        String busy = h.runningIn;
        if (busy != null) {
          // One thread per actor: a part of another graph that has not stopped may still be inside a call.
          throw new CGraphException("host " + options.name + ": actor #" + actorIds[a] + " for '" + spec.actorName(a)
              + "' still runs in graph " + busy + ", whose part here did not stop (a call that ignored its"
              + " interrupt past the teardown timeout); spawn a new actor");
        }
        instances[a] = h.instance;
      }
    }
    Path dir = ChannelDirs.create(options.channelDir != null ? options.channelDir
        : ChannelDirs.defaultParent(), spec.graphName());
    HostedGraph hosted = new HostedGraph(spec, wait, "host " + options.name,
        (what, error) -> reportBroken(driver, graphId, what, error));
    Bridge bridge = null;
    try {
      Channel[] channels = new Channel[spec.channelCount()];
      for (int c = 0; c < channels.length; c++) {
        GraphSpec.ChannelSpec cs = spec.channel(c);
        boolean here = Bridge.host(cs.writer(), hostOf, driverHost) == local;
        for (int r : cs.readers()) {
          here |= Bridge.host(r, hostOf, driverHost) == local;
        }
        if (here) {
          boolean mirror = Bridge.host(cs.writer(), hostOf, driverHost) != local;
          channels[c] = hosted.createChannel(c, dir, stems[c], spec.slots(c, ringSlots, mirror), bufferBytes);
        }
      }
      bridge = new Bridge(spec, aeron, streamId, local, driverHost, hostOf, endpoints, channels,
          ringSlots, bufferBytes,
          (what, error) -> reportBroken(driver, graphId, what + " (on host " + options.name + ")", error));
      // Idle executors of this host's actors run the data rounds; not when actors run on the data
      // thread itself (rounds run their calls, which must stay on that one thread).
      if (options.waitersRunDataPath && !options.actorsOnDataThread) {
        aeron.assistWaitsOn(channels);
      }
      for (int a = 0; a < instances.length; a++) {
        if (instances[a] != null) {
          if (options.actorsOnDataThread && !spec.waitsOnItself(a)) {
            bridge.runInline(hosted.startActorInline(a, instances[a], graphClass, maxMessage));
          } else {
            hosted.startActor(a, instances[a], graphClass, maxMessage);
          }
        }
      }
      bridge.start();
      List<Held> held = new ArrayList<>();
      for (int a = 0; a < actorIds.length; a++) {
        if (instances[a] != null) {
          Held h = actors.get(actorIds[a]);
          h.runningIn = spec.graphName() + " #" + graphId;
          held.add(h);
        }
      }
      graphs.put(graphId, new Attached(graphId, driver.path().address(), driver, hosted, bridge, dir, held));
    } catch (Throwable t) {
      if (bridge != null) {
        bridge.stop();
      }
      hosted.stop(TimeUnit.SECONDS.toNanos(2));
      ChannelDirs.deleteRecursively(dir);
      throw t;
    }
  }

  private void reportBroken(ActorRef<Envelope> driver, long graphId, String what, Throwable error) {
    driver.tell(new Envelope(Protocol.BROKEN, graphId, Protocol.body(out -> {
      out.writeUTF(what);
      out.writeBoolean(error != null);
      if (error != null) {
        WorkerProtocol.writeThrowable(out, error);
      }
    }), null));
  }

  private boolean detach(long graphId, long teardownMillis) {
    Attached a = graphs.remove(graphId);
    if (a == null) {
      return true;
    }
    long nanos = TimeUnit.MILLISECONDS.toNanos(teardownMillis);
    a.bridge.stop();
    boolean stopped = a.hosted.stop(nanos);
    if (stopped) {
      ChannelDirs.deleteRecursively(a.dir);
      for (Held h : a.held) {
        h.runningIn = null; // free for another graph
      }
    }
    return stopped;
  }

  /** A driver is gone: stop its graphs here and drop its actors. */
  private void ownerGone(Address owner, String how) {
    for (Attached a : List.copyOf(graphs.values())) {
      if (a.owner.equals(owner)) {
        LOG.log(System.Logger.Level.WARNING, "host " + options.name + ": the driver at " + owner + " is " + how
            + "; stopping its graph " + a.hosted.spec().graphName());
        detach(a.graphId, 2000);
      }
    }
    actors.values().removeIf(h -> h.owner.equals(owner));
  }

  @Override
  public String toString() {
    return "HostAgent[" + options + "]";
  }

}
