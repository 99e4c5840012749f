package io.cgraph.runtime.internal;

import io.cgraph.runtime.ChannelTimeoutException;
import io.cgraph.runtime.GraphBrokenException;
import io.cgraph.runtime.GraphClosedException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.GraphStats;
import io.cgraph.runtime.channel.Channel;
import io.cgraph.runtime.channel.Liveness;
import io.cgraph.runtime.journal.JournalWriter;
import io.cgraph.runtime.observe.Observer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The running part of one compiled graph instance: it wires the channels, the actors' tasks on
 * their executors and the driver side, and runs the lifecycle (start, break, close). Generated
 * graph classes are thin, typed shells around it.
 *
 * <p>Roles elsewhere: {@link Capacity} bounds the executions in flight; {@link ResultPump} reads
 * results in execution order and serves {@code get} (fast fail included); {@link Executor} and
 * {@link ActorTask} run the actors' steps in batches; {@link ActorBindings} says which executor each
 * actor lives on; {@link LiveGraphs} holds the shutdown hook and the Cleaner. {@code execute} holds
 * the submit lock while it encodes the inputs into the input channel.
 */
public final class GraphRuntime {
  private static final System.Logger LOG = System.getLogger("io.cgraph.runtime");

  private static final int RUNNING = 0;
  private static final int BROKEN = 1;
  private static final int CLOSED = 2;
  private static final long GRACEFUL_STOP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /** How long a break waits for surviving workers to let go of their actors before it is announced. */
  private static final long BREAK_RELEASE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
  /** How long stats() waits for the counters of actors in workers and on other hosts. */
  private static final long REMOTE_STATS_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final GraphSpec spec;
  private final String name;
  private final int maxInflight;
  private final long submitTimeoutNanos;
  private final long getTimeoutNanos;
  private final long teardownTimeoutNanos;
  private final Path dir;
  private final Channel[] channels;
  private final Object[] actors;
  /** The executor of each actor in this JVM (null for actors in worker processes); set in start. */
  private Executor[] executors;
  /** What the executors report to: this graph. */
  private final TaskOwner owner = new Owner();
  /** Whether the actors have been unbound (once: at a break or at close). */
  private final AtomicBoolean unbound = new AtomicBoolean();
  private final Liveness liveness = this::checkUsable;
  /** The actors in worker processes, or null when all run here; set in start. */
  private RemoteActors remote;
  /** The actors on other hosts, or null when there are none; set in start. */
  private volatile OffHost.Graph offHost;
  // observability: counters and JFR events (always), the journal (only with GraphOptions.withJournal)
  private final Observer observer;
  private final JournalWriter journal;
  /** The input slot being encoded, for the journal; guarded by submitLock. */
  private SlotWriter journalInput;

  private volatile int state = RUNNING;
  /** Set (under this) once markBroken started releasing the actors, before state becomes BROKEN. */
  private boolean breaking;
  private volatile String brokenBy;
  private volatile Throwable brokenCause;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final List<AutoCloseable> closeAfterwards = new CopyOnWriteArrayList<>();

  // submit side, guarded by submitLock
  private final ReentrantLock submitLock = new ReentrantLock();
  private final ChannelWriter input;
  private volatile long nextExecution;
  private static final VarHandle NEXT_EXECUTION;
  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      NEXT_EXECUTION = lookup.findVarHandle(GraphRuntime.class, "nextExecution", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
  private final Capacity capacity;
  private final ResultPump pump;

  private GraphRuntime(GraphSpec spec, GraphOptions options, Object[] actors) {
    io.cgraph.runtime.JvmOptions.check(); // before Chronicle maps anything: a clear error, not an IllegalAccessException
    this.spec = spec;
    this.name = spec.graphName();
    this.maxInflight = options.maxInflight() > 0 ? options.maxInflight() : spec.maxInflight();
    int bufferBytes = options.bufferBytes() > 0 ? options.bufferBytes() : spec.bufferBytes();
    this.submitTimeoutNanos = ResultPump.saturatedNanos(options.submitTimeout());
    this.getTimeoutNanos = ResultPump.saturatedNanos(options.getTimeout());
    this.teardownTimeoutNanos = ResultPump.saturatedNanos(options.teardownTimeout());
    this.actors = actors.clone();
    ResultBuffer buffer = new ResultBuffer(options.maxBufferedResults(), maxInflight);
    this.capacity = new Capacity(name, maxInflight, buffer);
    this.dir = ChannelDirs.create(options.channelDir() != null ? options.channelDir() : ChannelDirs.defaultParent(), name);
    this.channels = new Channel[spec.channelCount()];
    try {
      for (int c = 0; c < channels.length; c++) {
        GraphSpec.ChannelSpec cs = spec.channel(c);
        // Rings of a power of two slots (at least maxInflight, which bounds what is in them) index by mask;
        // GraphSpec.slots gives a mirrored ring hop more.
        boolean mirror = cs.writer() >= 0 && actors[cs.writer()] instanceof OffHost.Actor<?>; // written on another host
        channels[c] = Channel.create(dir, "c" + c + "-" + fileSafe(cs.name()),
            spec.slots(c, ringSlots(maxInflight), mirror), bufferBytes,
            cs.readers().length, options.waitStrategy(), liveness);
      }
    } catch (RuntimeException | Error e) {
      closeChannels();
      ChannelDirs.deleteRecursively(dir);
      throw e;
    }
    int maxMessage = Math.min(options.maxMessageBytes(), SlotWriter.MAX_MESSAGE_BYTES);
    for (int c = 0; c < channels.length; c++) {
      channels[c].writer().limitMessages(maxMessage, c == 0 ? name + ".execute (its encoded inputs)"
          : name + " channel " + spec.channel(c).name());
    }
    // The driver's ends are used only under the submit lock (input) and the pump lock (outputs), which
    // close() takes before it closes the channels.
    this.input = channels[0].writer();
    input.unguarded();
    int[] out = spec.outputs();
    ChannelReader[] outputs = new ChannelReader[out.length];
    for (int i = 0; i < out.length; i++) {
      outputs[i] = channels[out[i]].reader(spec.readerIndex(out[i], GraphSpec.DRIVER));
      outputs[i].unguarded();
    }
    this.observer = Observer.of(spec, maxInflight, options.timingStats());
    for (int c = 0; c < channels.length; c++) {
      channels[c].writer().observeWaits(observer.channel(c));
    }
    try {
      this.journal = options.journal() == null ? null
          : JournalWriter.open(name, spec.graphType(), options.journal(), out.length);
    } catch (RuntimeException | Error e) {
      closeChannels();
      ChannelDirs.deleteRecursively(dir);
      throw e;
    }
    if (journal != null) {
      closeAfterwards(journal);
    }
    this.pump = new ResultPump(name, maxInflight, getTimeoutNanos, new ResultPump.Graph() {
      @Override
      public void checkUsable() {
        GraphRuntime.this.checkUsable();
      }

      @Override
      public boolean isClosed() {
        return state == CLOSED;
      }

      @Override
      public long submitted() {
        return nextExecution;
      }

      @Override
      public boolean isRunning() {
        return state == RUNNING;
      }
    }, capacity, buffer, journal, observer, outputs, outputsWrittenElsewhere(spec, actors));
    for (int o : out) {
      channels[o].onPublish(pump::arrived); // in this JVM a publish starts the delivery of pending futures
    }
  }

  /** What a blocked execute needs from this graph. */
  private final Capacity.Graph capacityView = new Capacity.Graph() {
    @Override
    public void checkUsable() {
      GraphRuntime.this.checkUsable();
    }

    @Override
    public void pollResults() {
      pump.pollResults(false); // under the submit lock: futures complete on a drain, not nested in execute
    }

    @Override
    public boolean nobodyReads() {
      return pump.nobodyReads();
    }

    @Override
    public long undelivered() {
      return pump.undelivered();
    }
  };

  /**
   * Leases the actors ({@code ActorBusyException} if one serves a live graph), creates the channels
   * and starts each actor where its placement says: on a thread of this JVM ({@code Placement.local}:
   * its own, named {@code cgraph-<GraphClass>-<actor>}, or a shared {@code ActorThread}), in a worker
   * process ({@code Workers.spawn}) or on another host. The one start path of every generated graph
   * class: its plain {@code compile} places each actor with {@code Placement.local}. {@code steps} is
   * the generated class's {@code workerStep}, which worker processes and hosts find by
   * {@code graphClass}.
   */
  public static GraphRuntime start(GraphSpec spec, GraphOptions options, Class<?> graphClass,
      io.cgraph.runtime.Placement<?>[] placements, ActorSteps steps) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(graphClass, "graphClass");
    Objects.requireNonNull(steps, "steps");
    Object[] actors = new Object[placements.length];
    io.cgraph.runtime.ActorThread[] threads = new io.cgraph.runtime.ActorThread[placements.length];
    RemoteActors.unpack(spec, placements, actors, threads);
    for (int i = 0; i < actors.length; i++) {
      if (actors[i] == null) {
        throw new NullPointerException(spec.graphName() + ": actor '" + spec.actorName(i) + "' (a "
            + spec.actorType(i) + ") is null; pass an instance");
      }
    }
    GraphRuntime rt = new GraphRuntime(spec, options, actors);
    boolean[] blocking = new boolean[actors.length];
    for (int i = 0; i < actors.length; i++) {
      blocking[i] = spec.waitsOnItself(i);
    }
    try {
      rt.executors = ActorBindings.bind(spec, rt, actors, threads, blocking, options.threadFactory());
    } catch (RuntimeException | Error e) {
      rt.closeChannels();
      ChannelDirs.deleteRecursively(rt.dir);
      if (rt.journal != null) {
        rt.journal.close();
      }
      throw e;
    }
    try {
      rt.remote = RemoteActors.of(rt, spec, actors, rt.channels);
      rt.offHost = rt.startOffHost(graphClass, options);
      rt.startActors(steps, options.waitStrategy());
      if (rt.remote != null) {
        rt.remote.attach(graphClass, rt.channels, options, Math.min(options.maxMessageBytes(),
            SlotWriter.MAX_MESSAGE_BYTES));
      }
    } catch (RuntimeException | Error e) {
      rt.close();
      throw e;
    }
    LiveGraphs.add(rt);
    return rt;
  }

  /** Hands the graph to the cluster of its off-host actors, if it has any (before local actors start). */
  private OffHost.Graph startOffHost(Class<?> graphClass, GraphOptions options) {
    OffHost.Actor<?>[] placed = new OffHost.Actor<?>[actors.length];
    OffHost.Cluster cluster = null;
    for (int i = 0; i < actors.length; i++) {
      if (actors[i] instanceof OffHost.Actor<?> a) {
        if (!a.actorClass().getName().equals(spec.actorType(i))) {
          throw new IllegalArgumentException(name + ": actor '" + spec.actorName(i) + "' must be a "
              + spec.actorType(i) + ", got a remote " + a.actorClass().getName());
        }
        if (cluster != null && cluster != a.cluster()) {
          throw new IllegalArgumentException(name + ": actor '" + spec.actorName(i) + "' was spawned through another"
              + " cluster connection than the graph's other remote-host actors; spawn them all through one");
        }
        cluster = a.cluster();
        placed[i] = a;
      }
    }
    if (cluster == null) {
      return null;
    }
    return cluster.start(new OffHost.Request(spec, graphClass, channels.clone(), channels[0].ringSize(),
        options.bufferBytes() > 0 ? options.bufferBytes() : spec.bufferBytes(), options.waitStrategy(),
        Math.min(options.maxMessageBytes(), SlotWriter.MAX_MESSAGE_BYTES), teardownTimeoutNanos, placed,
        actor -> ActorBindings.release(actor, this), this::markBroken));
  }

  private void startActors(ActorSteps steps, io.cgraph.runtime.WaitStrategy wait) {
    ChannelEnds ends = ChannelEnds.of(channels);
    ActorTask[] tasks = new ActorTask[actors.length];
    Rendezvous[] places = meetingPlaces(wait);
    for (int i = 0; i < actors.length; i++) {
      if (actors[i] instanceof io.cgraph.runtime.RemoteActor<?>) {
        continue; // runs in its worker process or on its host
      }
      ActorContext ctx = new ActorContext(spec, ends, i, observer.actor(i), !spec.waitsOnItself(i));
      ctx.reportFailuresTo(pump::failedFast);
      ctx.shareCollectives(places);
      tasks[i] = ctx.task(owner, steps.create(i, actors[i], ctx), wait);
    }
    for (int i = 0; i < tasks.length; i++) {
      if (tasks[i] != null) {
        executors[i].add(tasks[i]);
      }
    }
  }

  /**
   * A meeting place for each collective whose participants all run in this JVM (they read each
   * other's arrays instead of copying chunks round the ring), null for the others; none at all
   * with {@code -D}{@value #COLLECTIVES_PROPERTY}{@code =ring}.
   */
  private Rendezvous[] meetingPlaces(io.cgraph.runtime.WaitStrategy wait) {
    Rendezvous[] places = new Rendezvous[spec.collectiveCount()];
    boolean ring = "ring".equals(System.getProperty(COLLECTIVES_PROPERTY));
    for (int k = 0; k < places.length && !ring; k++) {
      int[] participants = spec.collectiveParticipants(k);
      boolean here = true;
      for (int p : participants) {
        here &= !(actors[p] instanceof io.cgraph.runtime.RemoteActor<?>);
      }
      if (here) {
        places[k] = new Rendezvous(participants.length, wait, liveness);
      }
    }
    boolean[] inPlace = new boolean[places.length];
    for (int k = 0; k < places.length; k++) {
      inPlace[k] = places[k] != null;
    }
    observer.collectivesInPlace(inPlace);
    return places;
  }

  /**
   * The system property that, set to {@code ring}, makes collectives whose participants all run in
   * this JVM use the ring over channels that participants in other processes use (for tests and
   * measurements); read when a graph starts.
   */
  public static final String COLLECTIVES_PROPERTY = "cgraph.collectives";

  /** What the executors report to. */
  private final class Owner implements TaskOwner {
    @Override
    public String graphName() {
      return name;
    }

    @Override
    public boolean isRunning() {
      return state == RUNNING;
    }

    @Override
    public void taskFailed(ActorTask task, Throwable error) {
      markBroken("actor '" + task.actorName + "' (thread " + Thread.currentThread().getName() + ") died of " + error,
          error);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * The executor thread each actor runs on, by actor name (for remote ones, the worker process or the
   * host that runs them): the run-time picture of where the work happens.
   */
  public java.util.Map<String, String> actorThreads() {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < actors.length; i++) {
      Executor e = executors == null ? null : executors[i];
      m.put(spec.actorName(i), e != null ? e.name()
          : actors[i] instanceof OffHost.Actor<?> h ? "host '" + h.workerName() + "'"
          : actors[i] instanceof RemoteActorHandle<?> w ? w.worker.describe() : "not running");
    }
    return m;
  }

  /** Stops this graph's tasks on every executor, and unbinds the actors once that is done (once). */
  private java.util.Map<Executor, CompletableFuture<Void>> stopTasks() {
    java.util.Map<Executor, CompletableFuture<Void>> stopped = new java.util.IdentityHashMap<>();
    if (executors != null) {
      for (Executor e : executors) {
        if (e != null) {
          stopped.computeIfAbsent(e, x -> x.remove(owner));
        }
      }
    }
    return stopped;
  }

  /** Runs {@link #unbindLocalActors} once every executor has let go of this graph's tasks. */
  private void unbindWhenStopped(java.util.Map<Executor, CompletableFuture<Void>> stopped) {
    CompletableFuture.allOf(stopped.values().toArray(new CompletableFuture<?>[0]))
        .whenComplete((v, e) -> unbindLocalActors());
  }

  /** Unbinds the actors in this JVM from this graph, so other graphs may use them (once). */
  private void unbindLocalActors() {
    if (executors == null || !unbound.compareAndSet(false, true)) {
      return;
    }
    for (int i = 0; i < actors.length; i++) {
      if (!(actors[i] instanceof io.cgraph.runtime.RemoteActor<?>)) { // remote ones: when their worker or host confirms
        ActorBindings.release(actors[i], this);
      }
    }
  }

  /** Breaks the graph: {@code by} says what happened (an actor or a worker process died). */
  void markBroken(String by, Throwable cause) {
    synchronized (this) {
      if (state != RUNNING || breaking) {
        return;
      }
      breaking = true;
      brokenBy = by;
      brokenCause = cause;
    }
    // Release the survivors before any waiting thread learns of the break, so that a graph compiled
    // on them right after the GraphBrokenException finds them free.
    java.util.Map<Executor, CompletableFuture<Void>> stopped = stopTasks();
    if (remote != null) {
      remote.stop(teardownTimeoutNanos); // releases the actors in the surviving workers once they confirm
      remote.awaitDetached(System.nanoTime() + Math.min(teardownTimeoutNanos, BREAK_RELEASE_WAIT_NANOS));
    }
    if (offHost != null) {
      offHost.stop(teardownTimeoutNanos);
      offHost.awaitDetached(System.nanoTime() + Math.min(teardownTimeoutNanos, BREAK_RELEASE_WAIT_NANOS));
    }
    // An actor busy in this graph's user code is still bound until its executor lets go of the task.
    unbindWhenStopped(stopped);
    synchronized (this) {
      if (state == RUNNING) { // a close() meanwhile stays a close
        state = BROKEN;
      }
    }
    LOG.log(System.Logger.Level.ERROR, name + " is broken: " + brokenBy, cause);
    wakeEveryone();
    pump.abandonLater(); // pending futures fail with GraphBrokenException, completed off this thread
  }

  // ---------------------------------------------------------------- submit

  /**
   * Begins an execution: waits for capacity, assigns {@code ref} its execution number, and claims
   * the input slot. The caller encodes the inputs, then calls {@link #endExecute} (or
   * {@link #cancelExecute} if encoding threw). Holds the submit lock until then.
   */
  public SlotWriter beginExecute(AbstractRef ref) {
    submitLock.lock();
    try {
      checkUsable();
      long exec = nextExecution;
      ref.execution = exec;
      if (!capacity.hasRoom(exec, pump.undelivered())) {
        long waitStart = System.nanoTime();
        capacity.await(exec, submitTimeoutNanos, capacityView);
        observer.capacityWaited(System.nanoTime() - waitStart);
      }
      SlotWriter w = input.claim(exec);
      if (journal != null) {
        journalInput = w;
      }
      return w;
    } catch (RuntimeException | Error e) {
      submitLock.unlock();
      throw e;
    }
  }

  /** Publishes the inputs encoded since {@link #beginExecute}. */
  public void endExecute(AbstractRef ref) {
    try {
      long exec = ref.execution;
      // Copied before publish detaches the encoded inputs; journaled only once they are published.
      byte[] journaled = journal != null ? journal.inputRecord(exec, journalInput) : null;
      pump.submitted(exec, ref);
      try {
        input.publish(exec);
      } catch (RuntimeException e) {
        // Nothing was published (the ring could not grow: the channel directory is full): the execution
        // does not exist, its number is used by the next one, and the graph stays usable.
        ref.state = AbstractRef.CONSUMED;
        throw e;
      }
      if (journaled != null) {
        journal.append(journaled);
      }
      observer.submitted(exec);
      NEXT_EXECUTION.setRelease(this, exec + 1);
    } finally {
      submitLock.unlock();
    }
  }

  /**
   * Abandons an execution whose inputs could not be encoded ({@code thrown}); nothing is published.
   * Returns what {@code execute} throws: {@code thrown} itself, or for a {@code StackOverflowError}
   * (inputs nested too deeply for the caller's stack) a {@code CGraphException} that says so; any
   * other {@code Error} is rethrown as it is.
   */
  public RuntimeException cancelExecute(AbstractRef ref, Throwable thrown) {
    cancelExecute(ref);
    if (thrown instanceof RuntimeException e) {
      return e;
    }
    if (thrown instanceof StackOverflowError e) {
      return new io.cgraph.runtime.CGraphException(name + ": the inputs of execute are nested too deeply to encode on"
          + " this thread's stack; nothing was submitted and the graph stays usable. Send flatter values (a List"
          + " instead of a chain of records), or call execute from a thread with a larger stack", e);
    }
    if (thrown instanceof Error e) {
      throw e;
    }
    return new io.cgraph.runtime.CGraphException(name + ": encoding the inputs failed", thrown);
  }

  /** Abandons an execution whose inputs could not be encoded; nothing is published. */
  public void cancelExecute(AbstractRef ref) {
    try {
      ref.state = AbstractRef.CONSUMED;
    } finally {
      submitLock.unlock();
    }
  }

  // ---------------------------------------------------------------- results

  void await(AbstractRef ref, Duration timeout) {
    pump.await(ref, timeout);
  }

  /** Decodes whatever results have arrived, without waiting. Used by isDone and by a blocked execute. */
  void pollResults() {
    pump.pollResults();
  }

  // ---------------------------------------------------------------- async

  /**
   * The future {@code executeAsync} returns for {@code ref}: completed with {@code getter.apply(ref)}
   * (or its exception) by whichever thread delivers the result, with no thread of its own and no
   * timeout of its own; until the program looks at it, a completed future counts as an unread result.
   */
  public <R extends AbstractRef, T> CompletableFuture<T> toFuture(R ref, Function<R, T> getter) {
    return pump.future(ref, getter);
  }

  // ---------------------------------------------------------------- lifecycle

  private void checkUsable() {
    int s = state;
    if (s == RUNNING) {
      return;
    }
    if (s == BROKEN) {
      throw new GraphBrokenException(name + " is broken: " + brokenBy + "; close() it and compile a new graph",
          brokenCause);
    }
    throw new GraphClosedException(name + " is closed; compile a new graph to execute more");
  }

  /** Closes this runtime when {@code graph} becomes unreachable without {@code close()}. */
  public void closeWhenUnreachable(Object graph) {
    LiveGraphs.closeWhenUnreachable(graph, this);
  }

  /**
   * Closes {@code resource} at the end of {@link #close()}, after the actor threads stopped and the
   * channels were deleted (for example the device-tensor lease of a graph that carries tensors).
   */
  public void closeAfterwards(AutoCloseable resource) {
    closeAfterwards.add(Objects.requireNonNull(resource, "resource"));
  }

  /**
   * A snapshot of this graph's counters: executions, in flight, failures, per-actor steps and busy
   * time, per-channel waits, and the journal's counters.
   */
  public GraphStats stats() {
    if (state == RUNNING && (remote != null || offHost != null)) {
      // Actors in workers and on other hosts count there: fetch their counters (stale if one is slow).
      java.util.function.BiConsumer<Integer, long[]> sink = (actor, c) -> observer.actor(actor).mirror(c);
      if (remote != null) {
        remote.counters(sink, REMOTE_STATS_NANOS);
      }
      if (offHost != null) {
        offHost.counters(sink, REMOTE_STATS_NANOS);
      }
    }
    return observer.snapshot((long) NEXT_EXECUTION.getAcquire(this), pump.undelivered(),
        journal == null ? null : journal.stats(), List.copyOf(actorThreads().values()));
  }

  /** Whether {@link #close()} has been called. */
  public boolean isClosed() {
    return closing.get();
  }

  /** Whether the graph still runs (neither closed nor broken). */
  boolean isUsable() {
    return state == RUNNING;
  }

  /** The graph's channel directory (deleted on close). */
  public Path channelDir() {
    return dir;
  }

  /**
   * Idempotent teardown: fails pending and later calls with {@code GraphClosedException}, stops
   * the actor threads within the teardown timeout (a thread stuck in user code is interrupted,
   * then abandoned with a logged warning), unmaps and deletes the channel files, releases the
   * actors.
   */
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    // An interrupted caller (close in a finally after an interrupt) must not cut the teardown short:
    // its waits would end at once and the actors be abandoned. The flag is restored at the end.
    boolean interrupted = Thread.interrupted();
    try {
      teardown();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void teardown() {
    LiveGraphs.remove(this);
    synchronized (this) {
      state = CLOSED;
    }
    wakeEveryone();
    pump.completeAbandoned(); // pending futures fail with GraphClosedException before close returns
    long start = System.nanoTime();
    long deadline = start + teardownTimeoutNanos;
    long graceful = start + Math.min(teardownTimeoutNanos, GRACEFUL_STOP_NANOS);
    if (remote != null) {
      remote.stop(teardownTimeoutNanos);
    }
    if (offHost != null) {
      offHost.stop(teardownTimeoutNanos);
    }
    boolean allStopped = stopLocalActors(graceful, deadline);
    if (remote != null) {
      remote.awaitStopped(deadline, Duration.ofNanos(teardownTimeoutNanos));
    }
    if (offHost != null) {
      offHost.awaitStopped(deadline);
    }
    if (allStopped && lockDriver(deadline)) {
      try {
        closeChannels();
      } finally {
        pump.lock.unlock();
        submitLock.unlock();
      }
    } else if (allStopped) {
      LOG.log(System.Logger.Level.WARNING, name + ": channel memory left mapped because a thread in execute or get"
          + " did not leave within the teardown timeout");
    } else {
      LOG.log(System.Logger.Level.WARNING, name + ": channel memory left mapped because an abandoned actor thread"
          + " may still use it");
    }
    ChannelDirs.deleteRecursively(dir);
    for (AutoCloseable r : closeAfterwards) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, name + ": could not close " + r + " after the graph", e);
      }
    }
  }

  /**
   * Removes this graph's tasks from their executors. An executor busy in this graph's user code gets
   * until {@code graceful}, then an interrupt, then until {@code deadline}; one that still does not
   * let go is abandoned with a warning (false).
   */
  private boolean stopLocalActors(long graceful, long deadline) {
    java.util.Map<Executor, CompletableFuture<Void>> stopped = stopTasks();
    // Unbind once every executor let go, even if that is after the teardown timeout (abandoned).
    unbindWhenStopped(stopped);
    boolean all = true;
    for (java.util.Map.Entry<Executor, CompletableFuture<Void>> e : stopped.entrySet()) {
      all &= e.getKey().awaitRemoval(e.getValue(), owner, graceful, deadline);
    }
    if (!all) {
      LOG.log(System.Logger.Level.WARNING, name + ": an actor thread did not leave this graph's user code within the"
          + " teardown timeout of " + Duration.ofNanos(teardownTimeoutNanos) + " and ignored an interrupt; it is"
          + " abandoned (its actors stay bound until it returns, and its channel memory stays mapped)");
    }
    return all;
  }

  /**
   * Takes the submit and pump locks, so that no driver thread is inside the channels (threads waiting
   * there see the closed state and leave); false, holding neither, if that takes past {@code deadline}.
   */
  private boolean lockDriver(long deadline) {
    if (!lockBy(submitLock, deadline)) {
      return false;
    }
    if (lockBy(pump.lock, deadline)) {
      return true;
    }
    submitLock.unlock();
    return false;
  }

  /** Takes {@code lock} by {@code deadline}, waking its holder's waits meanwhile; keeps an interrupt pending. */
  private boolean lockBy(ReentrantLock lock, long deadline) {
    while (!lock.tryLock()) {
      if (deadline - System.nanoTime() <= 0) {
        return false;
      }
      wakeEveryone();
      LockSupport.parkNanos(this, 100_000);
    }
    return true;
  }

  private void wakeEveryone() {
    for (Channel c : channels) {
      if (c != null) {
        c.wakeAll();
      }
    }
    if (pump != null) {
      pump.handOver();
    }
    capacity.wake();
  }

  private void closeChannels() {
    for (Channel c : channels) {
      if (c != null) {
        try {
          c.close();
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, name + ": could not close channel " + c.name(), e);
        }
      }
    }
    Channel.finishUnmapping();
  }

  /** Whether an output channel is written by an actor in a worker process (whose publishes this JVM does not see). */
  private static boolean outputsWrittenElsewhere(GraphSpec spec, Object[] actors) {
    for (int o : spec.outputs()) {
      int w = spec.channel(o).writer();
      if (w >= 0 && w < actors.length && actors[w] instanceof RemoteActorHandle<?>) {
        return true;
      }
    }
    return false;
  }

  /** The smallest power of two at least {@code maxInflight}. */
  static int ringSlots(int maxInflight) {
    return maxInflight <= 1 ? 1 : Integer.highestOneBit(maxInflight - 1) << 1;
  }

  private static String fileSafe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_');
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return name + (state == RUNNING ? "" : state == BROKEN ? " (broken)" : " (closed)");
  }
}
