package io.cgraph.cluster;

import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.RemoteActor;
import io.cgraph.runtime.RemoteActorException;
import io.cgraph.runtime.internal.GraphSpec;
import io.cgraph.runtime.internal.OffHost;
import io.cgraph.runtime.internal.WorkerProtocol;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * A driver's connection to a cgraph cluster: it joins as a member (role {@code driver}), sees the
 * host agents ({@link HostAgent}) as they register, creates actors on them, and runs the parts of
 * compiled graphs that live there. An actor from {@link #spawn} is a {@link RemoteActor}: pass it to a
 * generated {@code compile(Placement...)} exactly like one from {@code Workers.spawn}; local,
 * worker-process and remote-host actors mix in one graph.
 *
 * <pre>{@code
 * try (CGraphCluster cluster = CGraphCluster.join(ClusterOptions.builder()
 *         .name("driver").bind("10.0.0.1", 2551).seed("10.0.0.1:2551").build())) {
 *   cluster.awaitHosts(1, Duration.ofSeconds(30));
 *   RemoteActor<Model> model = cluster.spawn("gpu", Model.class, weights);
 *   try (ScoringGraph g = ScoringGraph.compile(Placement.local(new Tokenizer()), model, GraphOptions.defaults())) {
 *     float s = g.execute("some text").get();
 *   }
 * }
 * }</pre>
 *
 * <p><b>Faults.</b> When a host with actors of a graph becomes unreachable (killed, partitioned) or
 * leaves, the graph breaks at once: pending and later calls throw {@code GraphBrokenException}
 * naming the host and its actors, and the graph's other actors are released. A host that comes
 * back does not mend the graph. An exception thrown by a remote actor method is an
 * {@code ActorTaskException}, as in one JVM.
 *
 * <p>Thread-safe.
 */
public final class CGraphCluster implements AutoCloseable, OffHost.Cluster {
  private static final System.Logger LOG = System.getLogger("io.cgraph.cluster");

  /** A host agent seen by this driver. */
  static final class Host {
    final HostInfo info;
    final ActorRef<Envelope> ref;
    final Address address;
    volatile String gone;

    Host(HostInfo info, ActorRef<Envelope> ref) {
      this.info = info;
      this.ref = ref;
      this.address = ref.path().address();
    }
  }

  private record Pending(ActorRef<Envelope> to, CompletableFuture<byte[]> reply) {}

  private final Node node;
  private final ActorRef<Envelope> self;
  private final AtomicLong nextRequest = new AtomicLong(1);
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final Map<ActorRef<Envelope>, Host> hosts = new ConcurrentHashMap<>();
  private final Set<ActorRef<Envelope>> greeting = ConcurrentHashMap.newKeySet();
  private final Map<Long, ClusterGraph> graphs = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();
  private final ExecutorService events = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cgraph-cluster-events");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean closed;
  private volatile boolean downed;

  private CGraphCluster(ClusterOptions options) {
    CompletableFuture<ActorRef<Envelope>> ref = new CompletableFuture<>();
    AeronNode aeron = Node.aeron(options);
    Node n = null;
    try {
      n = Node.start(options, "driver", Behaviors.setup(ctx -> {
        ref.complete(ctx.spawn(behavior(), "cgraph-driver", Props.empty()).narrow());
        return Behaviors.empty();
      }), aeron);
      this.self = ref.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (n != null) {
        n.close();
      }
      aeron.close();
      events.shutdown();
      throw e instanceof CGraphException c ? c : new CGraphException("the cluster driver did not start: " + e, e);
    }
    this.node = n;
    node.system.getWhenTerminated().thenRun(() -> {
      if (!closed) {
        downed = true;
        LOG.log(System.Logger.Level.ERROR, "this driver was removed from the cluster (downed by the split-brain"
            + " resolver, or it lost contact with every seed); its graphs with remote-host actors break; join again");
        for (Host h : List.copyOf(hosts.values())) {
          hostGone(h, "is out of reach: this driver was removed from the cluster");
        }
      }
    });
  }

  /**
   * Joins the cluster through {@code options}' seeds as a driver, listening on its bind address
   * only. Returns at once; hosts appear as they register ({@link #awaitHosts}).
   *
   * @param options this driver's options (bind address, seeds, timeouts); not null
   * @return the connection, owned by the caller, who must close it
   * @throws CGraphException if the driver does not start
   */
  public static CGraphCluster join(ClusterOptions options) {
    return new CGraphCluster(Objects.requireNonNull(options, "options"));
  }

  /**
   * The host agents registered now.
   *
   * @return the registered host agents, sorted by name
   */
  public List<HostInfo> hosts() {
    List<HostInfo> list = new ArrayList<>();
    for (Host h : hosts.values()) {
      if (h.gone == null) {
        list.add(h.info);
      }
    }
    list.sort((a, b) -> a.name().compareTo(b.name()));
    return list;
  }

  /**
   * Waits until at least {@code count} host agents are registered; throws {@link CGraphException} after {@code timeout}.
   *
   * @param count how many host agents to wait for
   * @param timeout the longest to wait; not null
   * @return the registered host agents, at least {@code count}, sorted by name
   * @throws CGraphException if fewer than {@code count} register within {@code timeout}, this thread is
   *     interrupted, or this connection was removed from the cluster
   * @throws IllegalStateException if this connection is closed (also while waiting)
   */
  public List<HostInfo> awaitHosts(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (;;) {
      checkOpen(); // closed or downed: no host will register any more
      List<HostInfo> now = hosts();
      if (now.size() >= count) {
        return now;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new CGraphException("only " + now.size() + " of " + count + " host agents registered within " + timeout
            + ": " + now + "; check that the agents run, list the same seeds, and can reach this driver at "
            + ClusterOptions.hostPort(node.options.host, node.options.port));
      }
      sleep(20);
    }
  }

  /**
   * Creates an actor of {@code actorClass} from its constructor arguments on a host agent named
   * {@code hostOrRole}, or else on one with that role (round robin among them), waiting up to the
   * request timeout for such a host to register. Arguments must be transferable values, as for
   * {@code Workers.spawn}; the class must be on the agent's class path. Throws
   * {@code IllegalArgumentException} for bad arguments, {@link CGraphException} if no host matches
   * or the constructor throws there (its cause carries the remote class, message and stack).
   *
   * @param <T> the actor class
   * @param hostOrRole the name of a host agent, or else a role of one; not null
   * @param actorClass the {@code @Actor} class to create; not null
   * @param args the constructor arguments, transferable values
   * @return the remote actor, to pass to a graph's {@code compile}
   * @throws IllegalArgumentException if {@code actorClass} is not a public concrete {@code @Actor} class, or no
   *     one constructor fits {@code args}
   * @throws CGraphException if no host matches within the request timeout, or the actor cannot be created there
   * @throws IllegalStateException if this connection is closed
   */
  public <T> RemoteActor<T> spawn(String hostOrRole, Class<T> actorClass, Object... args) {
    Objects.requireNonNull(hostOrRole, "hostOrRole");
    Objects.requireNonNull(actorClass, "actorClass");
    Object[] a = args == null ? new Object[] {null} : args.clone();
    WorkerProtocol.constructorFor(actorClass, a);
    long id = ThreadLocalRandom.current().nextLong() | 1;
    byte[] body = Protocol.body(out -> {
      out.writeLong(id);
      WorkerProtocol.writeConstruction(out, actorClass, a);
    });
    Host host = pick(hostOrRole);
    call(host, Protocol.SPAWN, body, "create " + actorClass.getName());
    RemoteHostActor<T> actor = new RemoteHostActor<>(actorClass, host, id, this);
    // Ray's actor handles: once the program holds the handle no more (and no live graph does), the
    // host drops the actor.
    CLEANER.register(actor, () -> forget(host, id));
    return actor;
  }

  private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create(r -> {
    Thread t = new Thread(r, "cgraph-cluster-cleaner");
    t.setDaemon(true);
    return t;
  });

  /** Tells {@code host} to drop actor {@code id}: its handle is gone. */
  private void forget(Host host, long id) {
    if (!closed && !downed && host.gone == null) {
      request(host.ref, Protocol.FORGET, Protocol.body(out -> out.writeLong(id)));
    }
  }

  private Host pick(String hostOrRole) {
    long deadline = System.nanoTime() + node.options.requestTimeout.toNanos();
    for (;;) {
      checkOpen();
      List<Host> byName = new ArrayList<>();
      List<Host> byRole = new ArrayList<>();
      for (Host h : hosts.values()) {
        if (h.gone != null) {
          continue;
        }
        if (h.info.name().equals(hostOrRole)) {
          byName.add(h);
        } else if (h.info.roles().contains(hostOrRole)) {
          byRole.add(h);
        }
      }
      List<Host> candidates = byName.isEmpty() ? byRole : byName;
      if (!candidates.isEmpty()) {
        candidates.sort((x, y) -> x.info.name().compareTo(y.info.name()));
        int n = roundRobin.computeIfAbsent(hostOrRole, k -> new AtomicInteger()).getAndIncrement();
        return candidates.get(Math.floorMod(n, candidates.size()));
      }
      if (System.nanoTime() - deadline > 0) {
        throw new CGraphException("no host agent named or with role '" + hostOrRole + "' registered within "
            + node.options.requestTimeout + "; hosts now: " + hosts());
      }
      sleep(20);
    }
  }

  // ---------------------------------------------------------------- graphs

  @Override
  public OffHost.Graph start(OffHost.Request r) {
    checkOpen();
    GraphSpec spec = r.spec();
    List<Host> used = new ArrayList<>();
    int[] hostOf = new int[spec.actorCount()];
    Map<Host, List<Integer>> actorsOn = new LinkedHashMap<>();
    for (int a = 0; a < hostOf.length; a++) {
      OffHost.Actor<?> p = r.placed()[a];
      if (p == null) {
        continue;
      }
      if (!(p instanceof RemoteHostActor<?> rha) || rha.cluster() != this) {
        throw new IllegalArgumentException(spec.graphName() + ": actor '" + spec.actorName(a)
            + "' does not belong to this cluster connection");
      }
      if (rha.host.gone != null) {
        throw new CGraphException(spec.graphName() + ": actor '" + spec.actorName(a) + "' (" + rha + ") is lost: its "
            + rha.host.info + " " + rha.host.gone + "; spawn it again on a live host");
      }
      int index = used.indexOf(rha.host);
      if (index < 0) {
        used.add(rha.host);
        index = used.size() - 1;
      }
      hostOf[a] = index + 1;
      actorsOn.computeIfAbsent(rha.host, k -> new ArrayList<>()).add(a);
    }
    String[] endpoints = new String[used.size() + 1];
    endpoints[0] = node.dataEndpoint();
    for (int i = 0; i < used.size(); i++) {
      endpoints[i + 1] = used.get(i).info.dataEndpoint();
    }
    long graphId = ThreadLocalRandom.current().nextLong();
    int streamId = 1 + ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE - 1);
    Bridge bridge = new Bridge(spec, node.aeron, streamId, 0, 0, hostOf, endpoints, r.channels(),
        r.ringSlots(), r.bufferBytes(), r.broken());
    if (node.options.waitersRunDataPath) {
      node.aeron.assistWaitsOn(r.channels());
    }
    ClusterGraph g = new ClusterGraph(graphId, r, used, actorsOn, bridge);
    graphs.put(graphId, g);
    try {
      List<CompletableFuture<byte[]>> attached = new ArrayList<>();
      for (int i = 0; i < used.size(); i++) {
        int local = i + 1;
        Host h = used.get(i);
        attached.add(request(h.ref, Protocol.ATTACH, Protocol.body(out -> {
          out.writeLong(graphId);
          out.writeInt(streamId);
          out.writeUTF(r.graphClass().getName());
          WorkerProtocol.writeSpec(out, spec);
          out.writeInt(r.ringSlots());
          out.writeInt(r.bufferBytes());
          WorkerProtocol.writeWait(out, r.waitStrategy());
          out.writeInt(r.maxMessageBytes());
          WorkerProtocol.writeInts(out, hostOf);
          out.writeInt(0);
          out.writeInt(local);
          out.writeInt(endpoints.length);
          for (String e : endpoints) {
            out.writeUTF(e);
          }
          for (int c = 0; c < spec.channelCount(); c++) {
            out.writeUTF(r.channels()[c].name());
          }
          for (int a = 0; a < hostOf.length; a++) {
            out.writeLong(hostOf[a] == local ? ((RemoteHostActor<?>) r.placed()[a]).id : 0);
          }
        })));
      }
      for (int i = 0; i < attached.size(); i++) {
        await(attached.get(i), used.get(i), "run " + spec.graphName() + "'s actors "
            + names(spec, actorsOn.get(used.get(i))));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      if (!bridge.awaitConnected(deadline)) {
        throw Bridge.notConnected(spec.graphName(), bridge.unconnected());
      }
      bridge.start();
      for (Host h : used) {
        if (h.gone != null) { // it went while we attached
          g.hostGone(h);
        }
      }
      return g;
    } catch (RuntimeException | Error e) {
      g.stop(r.teardownNanos());
      g.awaitStopped(System.nanoTime() + Math.min(r.teardownNanos(), TimeUnit.SECONDS.toNanos(5)));
      throw e;
    }
  }

  static String names(GraphSpec spec, List<Integer> actors) {
    StringBuilder b = new StringBuilder();
    for (int a : actors) {
      b.append(b.length() == 0 ? "" : ", ").append('\'').append(spec.actorName(a)).append('\'');
    }
    return b.toString();
  }

  /** The part of one running graph on the hosts of this cluster. */
  final class ClusterGraph implements OffHost.Graph {
    final long graphId;
    final OffHost.Request request;
    final List<Host> used;
    final Map<Host, List<Integer>> actorsOn;
    final Bridge bridge;
    private final Map<Host, CompletableFuture<byte[]>> detaching = new ConcurrentHashMap<>();

    ClusterGraph(long graphId, OffHost.Request request, List<Host> used, Map<Host, List<Integer>> actorsOn,
        Bridge bridge) {
      this.graphId = graphId;
      this.request = request;
      this.used = used;
      this.actorsOn = actorsOn;
      this.bridge = bridge;
    }

    /** A host of this graph is gone: the graph breaks, naming it and its actors. */
    void hostGone(Host h) {
      List<Integer> on = actorsOn.get(h);
      String what = h.info + " " + h.gone + " while running actor" + (on.size() == 1 ? " " : "s ")
          + names(request.spec(), on);
      events.execute(() -> request.broken().accept(what, null));
    }

    @Override
    public void stop(long teardownNanos) {
      for (Host h : used) {
        detaching.computeIfAbsent(h, k -> {
          CompletableFuture<byte[]> f = k.gone != null ? CompletableFuture.failedFuture(new CGraphException(k.gone))
              : request(k.ref, Protocol.DETACH, Protocol.body(out -> {
                out.writeLong(graphId);
                out.writeLong(Math.max(1, TimeUnit.NANOSECONDS.toMillis(teardownNanos) * 4 / 5));
              }));
          f.whenComplete((reply, error) -> {
            if (stopped(reply, error) || k.gone != null) {
              release(k); // a host that did not stop its actors keeps them bound: no second thread runs them
            }
          });
          return f;
        });
      }
    }

    private boolean stopped(byte[] reply, Throwable error) {
      return error == null && reply != null && reply.length > 0 && reply[0] != 0;
    }

    private void release(Host h) {
      for (int a : actorsOn.get(h)) {
        request.release().accept(request.placed()[a]);
      }
    }

    @Override
    public void awaitDetached(long deadlineNanos) {
      for (CompletableFuture<byte[]> f : detaching.values()) {
        try {
          f.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (ExecutionException | TimeoutException e) {
          // released when it answers or is gone, or at close
        }
      }
    }

    @Override
    public void counters(java.util.function.BiConsumer<Integer, long[]> sink, long timeoutNanos) {
      List<CompletableFuture<byte[]>> replies = new ArrayList<>();
      for (Host h : used) {
        replies.add(h.gone != null ? CompletableFuture.failedFuture(new CGraphException(h.gone))
            : request(h.ref, Protocol.STATS, Protocol.body(out -> out.writeLong(graphId))));
      }
      long deadline = System.nanoTime() + timeoutNanos;
      for (CompletableFuture<byte[]> f : replies) {
        try {
          io.cgraph.runtime.internal.HostedGraph.readCounters(Protocol.read(
              f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)), sink);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (ExecutionException | TimeoutException | IOException e) {
          // that host's counters stay as last seen
        }
      }
    }

    @Override
    public void awaitStopped(long deadlineNanos) {
      for (Map.Entry<Host, CompletableFuture<byte[]>> e : detaching.entrySet()) {
        try {
          byte[] reply = e.getValue().get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
          if (!Protocol.read(reply).readBoolean()) {
            LOG.log(System.Logger.Level.WARNING, request.spec().graphName() + ": " + e.getKey().info
                + " did not stop its actors within the teardown timeout");
          }
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | IOException ex) {
          if (e.getKey().gone == null) {
            LOG.log(System.Logger.Level.WARNING, request.spec().graphName() + ": " + e.getKey().info
                + " did not confirm that it stopped its actors: " + ex);
          }
        }
      }
      bridge.stop();
      for (Host h : used) {
        CompletableFuture<byte[]> f = detaching.get(h);
        byte[] reply = f != null && f.isDone() && !f.isCompletedExceptionally() ? f.getNow(null) : null;
        if (h.gone != null || stopped(reply, null)) {
          release(h);
        } else {
          LOG.log(System.Logger.Level.WARNING, request.spec().graphName() + ": " + h.info + " did not confirm that"
              + " it stopped actor(s) " + names(request.spec(), actorsOn.get(h)) + "; they stay bound to this graph"
              + " (spawn new ones to use that host again)");
        }
      }
      graphs.remove(graphId);
    }
  }

  // ---------------------------------------------------------------- requests and events

  private Behavior<Object> behavior() {
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(Protocol.HOSTS, ctx.getSelf().narrow()));
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberEvent.class));
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
      return Behaviors.receive(Object.class)
          .onMessage(Envelope.class, e -> {
            onEnvelope(e);
            return Behaviors.same();
          })
          .onMessage(Receptionist.Listing.class, l -> {
            onListing(l.getServiceInstances(Protocol.HOSTS));
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.UnreachableMember.class, e -> {
            gone(e.member().address(), "is unreachable (no heartbeats: killed, hung or partitioned)");
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.MemberRemoved.class, e -> {
            gone(e.member().address(), "left the cluster");
            return Behaviors.same();
          })
          .onMessage(ClusterEvent.MemberDowned.class, e -> {
            gone(e.member().address(), "was downed by the cluster");
            return Behaviors.same();
          })
          .onMessage(Object.class, e -> Behaviors.same())
          .build();
    });
  }

  private void onListing(Set<ActorRef<Envelope>> listed) {
    for (ActorRef<Envelope> ref : listed) {
      if (!hosts.containsKey(ref) && greeting.add(ref)) {
        request(ref, Protocol.HELLO, new byte[0]).orTimeout(node.options.requestTimeout.toMillis(),
            TimeUnit.MILLISECONDS).whenComplete((reply, error) -> {
          greeting.remove(ref);
          if (error != null) {
            LOG.log(System.Logger.Level.WARNING, "host agent " + ref + " did not answer: " + error);
            return;
          }
          try {
            DataInputStream in = Protocol.read(reply);
            String name = in.readUTF();
            String data = in.readUTF();
            List<String> roles = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
              roles.add(in.readUTF());
            }
            long pid = in.readLong();
            hosts.put(ref, new Host(new HostInfo(name, ref.path().address().toString(), data, List.copyOf(roles), pid),
                ref));
          } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "host agent " + ref + " sent a corrupt greeting", e);
          }
        });
      }
    }
    for (Host h : List.copyOf(hosts.values())) {
      if (!listed.contains(h.ref)) {
        hostGone(h, "deregistered (its agent stopped)");
      }
    }
  }

  private void gone(Address address, String how) {
    for (Host h : List.copyOf(hosts.values())) {
      if (h.address.equals(address)) {
        hostGone(h, how);
      }
    }
  }

  private void hostGone(Host h, String how) {
    synchronized (h) {
      if (h.gone != null) {
        return;
      }
      h.gone = how;
    }
    hosts.remove(h.ref);
    // This connection's own close is no news, unless a graph still uses the host (it breaks).
    boolean used = graphs.values().stream().anyMatch(g -> g.used.contains(h));
    LOG.log(closed && !used ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING, h.info + " " + how);
    for (Map.Entry<Long, Pending> e : pending.entrySet()) {
      if (e.getValue().to().equals(h.ref) && pending.remove(e.getKey()) != null) {
        e.getValue().reply().completeExceptionally(new CGraphException(h.info + " " + how));
      }
    }
    for (ClusterGraph g : graphs.values()) {
      if (g.used.contains(h)) {
        g.hostGone(h);
      }
    }
  }

  private void onEnvelope(Envelope e) {
    switch (e.type) {
      case Protocol.OK -> {
        Pending p = pending.remove(e.request);
        if (p != null) {
          p.reply().complete(e.body);
        }
      }
      case Protocol.ERROR -> {
        Pending p = pending.remove(e.request);
        if (p != null) {
          try {
            p.reply().completeExceptionally(WorkerProtocol.readThrowable(Protocol.read(e.body)));
          } catch (IOException ex) {
            p.reply().completeExceptionally(ex);
          }
        }
      }
      case Protocol.BROKEN -> {
        ClusterGraph g = graphs.get(e.request);
        if (g != null) {
          try {
            DataInputStream in = Protocol.read(e.body);
            String what = in.readUTF();
            RemoteActorException cause = in.readBoolean() ? WorkerProtocol.readThrowable(in) : null;
            events.execute(() -> g.request.broken().accept(what, cause));
          } catch (IOException ex) {
            events.execute(() -> g.request.broken().accept("a host reported a failure that could not be read", ex));
          }
        }
      }
      default -> LOG.log(System.Logger.Level.WARNING, "unknown control message " + e);
    }
  }

  private CompletableFuture<byte[]> request(ActorRef<Envelope> to, int type, byte[] body) {
    long id = nextRequest.getAndIncrement();
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    pending.put(id, new Pending(to, reply));
    reply.whenComplete((r, e) -> pending.remove(id)); // however it ends: answered, failed, timed out
    to.tell(new Envelope(type, id, body, self));
    return reply;
  }

  private byte[] call(Host h, int type, byte[] body, String what) {
    return await(request(h.ref, type, body), h, what);
  }

  private byte[] await(CompletableFuture<byte[]> reply, Host h, String what) {
    try {
      return reply.get(node.options.requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply.cancel(false);
      throw new CGraphException("interrupted while waiting for " + h.info + " to " + what, e);
    } catch (TimeoutException e) {
      reply.cancel(false);
      throw new CGraphException(h.info + " did not " + what + " within " + node.options.requestTimeout, e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw new CGraphException(h.info + " could not " + what + ": "
          + (c instanceof RemoteActorException r ? r.getMessage() : String.valueOf(c)), c);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this cluster connection is closed");
    }
    if (downed) {
      throw new CGraphException("this cluster connection was removed from the cluster (downed by the split-brain"
          + " resolver, or it lost every seed); close it and join again");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CGraphException("interrupted", e);
    }
  }

  /**
   * Leaves the cluster: graphs with actors on its hosts break (close them first), and the hosts drop
   * the actors this driver created. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Host h : List.copyOf(hosts.values())) {
      hostGone(h, "is no longer reachable: the cluster connection was closed");
    }
    node.close();
    node.aeron.close();
    events.shutdown();
  }

  @Override
  public String toString() {
    return "CGraphCluster[" + node.options + ", hosts " + hosts() + "]";
  }
}
