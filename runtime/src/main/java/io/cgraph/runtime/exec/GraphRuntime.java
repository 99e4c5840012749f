package io.cgraph.runtime.exec;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.CapacityExceededException;
import io.cgraph.runtime.ChannelTimeoutException;
import io.cgraph.runtime.GraphBrokenException;
import io.cgraph.runtime.GraphClosedException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.GraphStats;
import io.cgraph.runtime.RefAlreadyConsumedException;
import io.cgraph.runtime.RemoteActorException;
import io.cgraph.runtime.channel.Channel;
import io.cgraph.runtime.channel.ChannelReader;
import io.cgraph.runtime.channel.ChannelWriter;
import io.cgraph.runtime.channel.Liveness;
import io.cgraph.runtime.codec.Failure;
import io.cgraph.runtime.codec.SlotReader;
import io.cgraph.runtime.codec.SlotWriter;
import io.cgraph.runtime.journal.JournalWriter;
import io.cgraph.runtime.observe.Observer;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The running part of one compiled graph instance: channels, actor threads, the driver side.
 * Generated graph classes are thin, typed shells around it.
 *
 * <p>Driver side: {@code execute} holds the submit lock while it encodes the inputs into the input
 * channel; {@code get} reads the output channels in execution order under the pump lock, decoding
 * each result into its {@code Ref} (results read out of order are kept in their Refs until read).
 * A thread waiting in {@code get} while another pumps parks until its result arrives or the pump
 * is handed over. Capacity counts executions submitted and not yet read; its slots are tracked
 * weakly so that dropped Refs free theirs.
 */
public final class GraphRuntime {
  private static final System.Logger LOG = System.getLogger("io.cgraph.runtime");
  private static final Cleaner CLEANER = Cleaner.create(r -> {
    Thread t = new Thread(r, "cgraph-cleaner");
    t.setDaemon(true);
    return t;
  });
  private static final Set<GraphRuntime> LIVE = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

  private static final int RUNNING = 0;
  private static final int BROKEN = 1;
  private static final int CLOSED = 2;
  private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long GRACEFUL_STOP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

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
  private static final VarHandle NEXT_PUMP;
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      NEXT_EXECUTION = lookup.findVarHandle(GraphRuntime.class, "nextExecution", long.class);
      NEXT_PUMP = lookup.findVarHandle(GraphRuntime.class, "nextPump", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
  private volatile Thread capacityWaiter;

  // capacity, guarded by capLock. A taken slot holds its Ref strongly (the fast path allocates
  // nothing else); when capacity runs out, unread Refs are weakened to RefTrackers so that those
  // the program dropped can be collected and their slots freed.
  private final Object capLock = new Object();
  private final Object[] slots;
  private final int[] freeSlots;
  private int freeCount;
  private final ReferenceQueue<AbstractRef> dropped = new ReferenceQueue<>();

  // result side, guarded by pumpLock
  private final ReentrantLock pumpLock = new ReentrantLock();
  private final ChannelReader[] outputs;
  private final SlotReader[] outputSlots;
  /** Capacity slot of each execution not yet delivered, by execution number modulo maxInflight. */
  private final int[] pendingSlot;
  private volatile long nextPump;
  private final AtomicInteger getWaiters = new AtomicInteger();
  private final ConcurrentLinkedQueue<Thread> parkedGetters = new ConcurrentLinkedQueue<>();

  // executeAsync
  private final LinkedBlockingQueue<Runnable> asyncWork = new LinkedBlockingQueue<>();
  private Thread asyncThread;

  private GraphRuntime(GraphSpec spec, GraphOptions options, Object[] actors) {
    this.spec = spec;
    this.name = spec.graphName();
    this.maxInflight = options.maxInflight() > 0 ? options.maxInflight() : spec.maxInflight();
    int bufferBytes = options.bufferBytes() > 0 ? options.bufferBytes() : spec.bufferBytes();
    this.submitTimeoutNanos = saturatedNanos(options.submitTimeout());
    this.getTimeoutNanos = saturatedNanos(options.getTimeout());
    this.teardownTimeoutNanos = saturatedNanos(options.teardownTimeout());
    this.actors = actors.clone();
    this.slots = new Object[maxInflight];
    this.freeSlots = new int[maxInflight];
    for (int i = 0; i < maxInflight; i++) {
      freeSlots[i] = maxInflight - 1 - i;
    }
    this.freeCount = maxInflight;
    this.pendingSlot = new int[maxInflight];
    this.dir = ChannelDirs.create(options.channelDir() != null ? options.channelDir() : ChannelDirs.defaultParent(), name);
    this.channels = new Channel[spec.channelCount()];
    try {
      for (int c = 0; c < channels.length; c++) {
        GraphSpec.ChannelSpec cs = spec.channel(c);
        // Rings of a power of two slots (at least maxInflight, which bounds what is in them) index by mask.
        channels[c] = Channel.create(dir, "c" + c + "-" + fileSafe(cs.name()), ringSlots(maxInflight), bufferBytes,
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
    this.outputs = new ChannelReader[out.length];
    for (int i = 0; i < out.length; i++) {
      outputs[i] = channels[out[i]].reader(spec.readerIndex(out[i], GraphSpec.DRIVER));
      outputs[i].unguarded();
    }
    this.outputSlots = new SlotReader[out.length];
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
  }

  /**
   * Leases the actors ({@code ActorBusyException} if one serves a live graph), creates the
   * channels and starts one thread per actor, named {@code cgraph-<GraphClass>-<actor>}.
   */
  public static GraphRuntime start(GraphSpec spec, GraphOptions options, Object[] actors, StepFactory[] steps) {
    return start(spec, options, actors, steps, new io.cgraph.runtime.ActorThread[actors.length], null);
  }

  /**
   * As {@link #start(GraphSpec, GraphOptions, Object[], StepFactory[])}, with each actor placed in
   * this JVM ({@code Placement.local}) or in a worker process ({@code Workers.spawn}). {@code steps}
   * is the generated class's {@code workerStep}, which worker processes find by {@code graphClass}.
   */
  public static GraphRuntime start(GraphSpec spec, GraphOptions options, Class<?> graphClass,
      io.cgraph.runtime.Placement<?>[] placements, ActorSteps steps) {
    Object[] actors = new Object[placements.length];
    StepFactory[] factories = new StepFactory[placements.length];
    io.cgraph.runtime.ActorThread[] threads = new io.cgraph.runtime.ActorThread[placements.length];
    RemoteActors.unpack(spec, placements, steps, actors, factories, threads);
    return start(spec, options, actors, factories, threads, Objects.requireNonNull(graphClass, "graphClass"));
  }

  private static GraphRuntime start(GraphSpec spec, GraphOptions options, Object[] actors, StepFactory[] steps,
      io.cgraph.runtime.ActorThread[] threads, Class<?> graphClass) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    if (actors.length != spec.actorCount() || steps.length != spec.actorCount()) {
      throw new IllegalArgumentException(spec.graphName() + ": expected " + spec.actorCount() + " actors and steps");
    }
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
      rt.executors = ActorBindings.bind(spec, rt, actors, threads, blocking);
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
      rt.startActors(steps, options.waitStrategy());
      if (rt.remote != null) {
        rt.remote.attach(graphClass, rt.channels, options, Math.min(options.maxMessageBytes(),
            SlotWriter.MAX_MESSAGE_BYTES));
      }
    } catch (RuntimeException | Error e) {
      rt.close();
      throw e;
    }
    installShutdownHook();
    LIVE.add(rt);
    return rt;
  }

  private void startActors(StepFactory[] steps, io.cgraph.runtime.WaitStrategy wait) {
    ChannelEnds ends = ChannelEnds.of(channels);
    ActorTask[] tasks = new ActorTask[steps.length];
    for (int i = 0; i < steps.length; i++) {
      if (remote != null && remote.isRemote(i)) {
        continue; // runs in its worker process
      }
      ActorContext ctx = new ActorContext(spec, ends, i, observer.actor(i), !spec.waitsOnItself(i));
      tasks[i] = ctx.task(owner, steps[i].create(ctx), wait);
    }
    for (int i = 0; i < tasks.length; i++) {
      if (tasks[i] != null) {
        executors[i].add(tasks[i]);
      }
    }
  }

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
   * The executor thread each actor runs on, by actor name ({@code "worker process"} for remote
   * ones), and what else those threads run: the run-time picture of where the work happens.
   */
  public java.util.Map<String, String> actorThreads() {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < actors.length; i++) {
      Executor e = executors == null ? null : executors[i];
      m.put(spec.actorName(i), e == null ? "worker process" : e.name());
    }
    return m;
  }

  /** Stops this graph's tasks on every executor, and unbinds the actors once that is done (once). */
  private List<CompletableFuture<Void>> stopTasks() {
    List<CompletableFuture<Void>> stopped = new java.util.ArrayList<>();
    if (executors == null) {
      return stopped;
    }
    java.util.Set<Executor> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Executor e : executors) {
      if (e != null && seen.add(e)) {
        stopped.add(e.remove(owner));
      }
    }
    return stopped;
  }

  /** Unbinds the actors in this JVM from this graph, so other graphs may use them (once). */
  private void unbindLocalActors() {
    if (executors == null || !unbound.compareAndSet(false, true)) {
      return;
    }
    for (int i = 0; i < actors.length; i++) {
      if (executors[i] != null || remote == null) { // remote ones are released when their worker confirms
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
    List<CompletableFuture<Void>> stopped = stopTasks();
    if (remote != null) {
      remote.stop(teardownTimeoutNanos); // releases the actors in the surviving workers
    }
    // An actor busy in this graph's user code is still bound until its executor lets go of the task.
    CompletableFuture.allOf(stopped.toArray(new CompletableFuture<?>[0])).whenComplete((v, e) -> unbindLocalActors());
    synchronized (this) {
      state = BROKEN;
    }
    LOG.log(System.Logger.Level.ERROR, name + " is broken: " + brokenBy, cause);
    wakeEveryone();
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
      if (!tryTakeSlot(ref)) {
        long waitStart = System.nanoTime();
        awaitCapacity(ref);
        observer.capacityWaited(System.nanoTime() - waitStart);
      }
      SlotWriter w = input.claim(exec);
      if (journal != null) {
        journalInput = w;
      }
      return w;
    } catch (RuntimeException | Error e) {
      if (ref.slot >= 0) {
        freeSlotOf(ref);
      }
      submitLock.unlock();
      throw e;
    }
  }

  /** Publishes the inputs encoded since {@link #beginExecute}. */
  public void endExecute(AbstractRef ref) {
    try {
      long exec = ref.execution;
      pendingSlot[(int) (exec % maxInflight)] = ref.slot;
      if (journal != null) {
        journal.input(exec, journalInput); // copies the encoded inputs before publish detaches them
      }
      observer.submitted(exec);
      input.publish(exec);
      NEXT_EXECUTION.setRelease(this, exec + 1);
    } finally {
      submitLock.unlock();
    }
  }

  /** Abandons an execution whose inputs could not be encoded; nothing is published. */
  public void cancelExecute(AbstractRef ref) {
    try {
      freeSlotOf(ref);
      ref.state = AbstractRef.CONSUMED;
    } finally {
      submitLock.unlock();
    }
  }

  /** Takes a free capacity slot for {@code ref} if there is one. */
  private boolean tryTakeSlot(AbstractRef ref) {
    synchronized (capLock) {
      if (freeCount == 0) {
        return false;
      }
      int slot = freeSlots[--freeCount];
      ref.slot = slot;
      SLOTS.setRelease(slots, slot, ref);
      return true;
    }
  }

  /** Slow path of execute: every slot is taken; frees dropped Refs' slots, waits, or fails. */
  private void awaitCapacity(AbstractRef ref) {
    long deadline = System.nanoTime() + submitTimeoutNanos;
    boolean collected = false;
    for (;;) {
      pollResults();
      weakenUnread();
      processDropped();
      if (tryTakeSlot(ref)) {
        return;
      }
      boolean stuck;
      synchronized (capLock) {
        stuck = nextPump == nextExecution && getWaiters.get() == 0;
      }
      if (stuck && !collected) {
        // Every result has arrived and nobody reads: only Refs the program dropped can free a slot.
        // They were just weakened; one collection tells whether there are any, before failing.
        collected = true;
        System.gc();
        continue;
      }
      if (stuck) {
        throw new CapacityExceededException(name + ": all " + maxInflight + " executions in flight ("
            + describeUnread() + ") have finished and wait to be read, and no thread is reading them, so this"
            + " execute could never proceed; call get() on those Refs first, or raise maxInflight"
            + " (@Graph(maxInflight) or GraphOptions.withMaxInflight)");
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new CapacityExceededException(name + ": " + maxInflight + " executions in flight (" + describeUnread()
            + ") and none was read within the submit timeout of " + Duration.ofNanos(submitTimeoutNanos)
            + "; read results with get() sooner, raise maxInflight, or raise GraphOptions.withSubmitTimeout");
      }
      capacityWaiter = Thread.currentThread();
      LockSupport.parkNanos(this, Math.min(left, 200_000));
      capacityWaiter = null;
      checkUsable();
    }
  }

  /** Replaces the strong Refs in taken slots by weak trackers, so that dropped Refs can be collected. */
  private void weakenUnread() {
    synchronized (capLock) {
      for (int s = 0; s < slots.length; s++) {
        if (slots[s] instanceof AbstractRef r) {
          SLOTS.setRelease(slots, s, new RefTracker(r, r.execution, s, dropped));
        }
      }
    }
  }

  private String describeUnread() {
    long lo = Long.MAX_VALUE;
    long hi = -1;
    synchronized (capLock) {
      for (Object o : slots) {
        long e = o instanceof AbstractRef r ? r.execution : o instanceof RefTracker t ? t.execution : -1;
        if (e >= 0) {
          lo = Math.min(lo, e);
          hi = Math.max(hi, e);
        }
      }
    }
    return hi < 0 ? "none" : lo == hi ? "execution #" + lo : "executions between #" + lo + " and #" + hi;
  }

  /**
   * Frees the slots of collected Refs whose results were delivered. A collected Ref whose result
   * has not been delivered yet is freed by {@link #deliver} instead, when it finds the Ref gone.
   */
  private void processDropped() {
    RefTracker t;
    while ((t = (RefTracker) dropped.poll()) != null) {
      synchronized (capLock) {
        if (slots[t.slot] == t && t.execution < nextPump) {
          freeSlot(t.slot);
        }
      }
    }
  }

  /** Frees {@code ref}'s capacity slot (it was consumed, or its execution was cancelled). */
  private void freeSlotOf(AbstractRef ref) {
    synchronized (capLock) {
      Object o = slots[ref.slot];
      if (o == ref || (o instanceof RefTracker t && t.refersTo(ref))) {
        if (o instanceof RefTracker t) {
          t.clear();
        }
        freeSlot(ref.slot);
      }
    }
  }

  /** Caller holds capLock. */
  private void freeSlot(int slot) {
    SLOTS.setRelease(slots, slot, null);
    freeSlots[freeCount++] = slot;
    Thread w = capacityWaiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  // ---------------------------------------------------------------- results

  void await(AbstractRef ref, Duration timeout) {
    long timeoutNanos = timeout == null ? getTimeoutNanos : saturatedNanos(timeout);
    long start = System.nanoTime();
    long deadline = start + timeoutNanos;
    if (deadline < start) {
      deadline = Long.MAX_VALUE;
    }
    boolean counted = false;
    try {
      for (;;) {
        int s = ref.state;
        if (s == AbstractRef.READY || s == AbstractRef.FAILED) {
          if (ref.consume(s)) {
            freeSlotOf(ref);
            if (s == AbstractRef.FAILED) {
              throw taskException(ref);
            }
            return;
          }
          continue;
        }
        if (s == AbstractRef.CONSUMED) {
          throw new RefAlreadyConsumedException(name + ": the result of execution #" + ref.execution
              + " was already taken; get() returns a result once, so keep the value it returned");
        }
        if (!counted) {
          counted = true;
          getWaiters.incrementAndGet();
        }
        if (pumpLock.tryLock()) {
          boolean arrived;
          try {
            checkUsable();
            arrived = pumpUntilDone(ref, deadline);
          } finally {
            pumpLock.unlock();
            handOverPump();
          }
          if (!arrived && ref.state == AbstractRef.PENDING) {
            throw timeoutException(ref, timeoutNanos);
          }
        } else {
          checkUsable();
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw timeoutException(ref, timeoutNanos);
          }
          Thread me = Thread.currentThread();
          ref.waiter = me;
          parkedGetters.add(me);
          if (ref.state == AbstractRef.PENDING && pumpLock.isLocked()) {
            LockSupport.parkNanos(this, Math.min(left, MAX_PARK_NANOS));
          }
          parkedGetters.remove(me);
          ref.waiter = null;
        }
      }
    } finally {
      if (counted) {
        getWaiters.decrementAndGet();
      }
    }
  }

  private void handOverPump() {
    if (parkedGetters.isEmpty()) {
      return; // the usual case: one reading thread, nobody to hand over to (and no iterator)
    }
    for (Thread t : parkedGetters) {
      LockSupport.unpark(t);
    }
  }

  /** Pumps results in order until {@code ref} has its result; false at the deadline. Holds pumpLock. */
  private boolean pumpUntilDone(AbstractRef ref, long deadline) {
    while (ref.state == AbstractRef.PENDING) {
      long exec = nextPump;
      for (int i = 0; i < outputs.length; i++) {
        SlotReader r = outputs[i].poll(exec);
        if (r == null) {
          r = outputs[i].await(exec, deadline);
          if (r == null) {
            putBack(i, exec);
            return false;
          }
        }
        outputSlots[i] = r;
      }
      deliver(exec);
    }
    return true;
  }

  /** Decodes whatever results have arrived, without waiting. Used by isDone and by a blocked execute. */
  void pollResults() {
    if (!pumpLock.tryLock()) {
      return;
    }
    try {
      if (state == CLOSED) {
        return;
      }
      outer:
      while (nextPump < nextExecution) {
        long exec = nextPump;
        for (int i = 0; i < outputs.length; i++) {
          SlotReader r = outputs[i].poll(exec);
          if (r == null) {
            putBack(i, exec);
            break outer;
          }
          outputSlots[i] = r;
        }
        deliver(exec);
      }
    } finally {
      pumpLock.unlock();
    }
  }

  /** Gives back the slots of {@code exec} already taken from outputs {@code 0..upTo-1}. */
  private void putBack(int upTo, long exec) {
    for (int j = 0; j < upTo; j++) {
      outputs[j].putBack(exec);
    }
  }

  /** Hands the result of {@code exec} (in outputSlots) to its Ref, if the Ref is still alive. Holds pumpLock. */
  private void deliver(long exec) {
    int slot = pendingSlot[(int) (exec % maxInflight)];
    Object held = SLOTS.getAcquire(slots, slot);
    AbstractRef ref = held instanceof RefTracker t ? t.get() : (AbstractRef) held;
    try {
      if (ref != null) {
        Failure failure = null;
        for (SlotReader r : outputSlots) {
          if (r.isFailure()) {
            failure = r.failure();
            break;
          }
        }
        if (failure == null) {
          try {
            ref.decode(outputSlots);
          } catch (RuntimeException e) {
            failure = Failure.of("driver", "decode", e);
          }
        }
        if (failure != null) {
          ref.failure = failure;
          ref.publish(AbstractRef.FAILED);
        } else {
          ref.publish(AbstractRef.READY);
        }
      }
      if (journal != null) {
        journal.result(exec, outputSlots);
      }
      observer.delivered(exec, ref != null ? ref.failure != null : anyFailure(outputSlots));
      for (ChannelReader r : outputs) {
        r.release(exec);
      }
      // Before the Ref can be collected (reachabilityFence below), so that processDropped frees
      // the slot of a delivered Ref that is collected later; a Ref already gone is freed here.
      NEXT_PUMP.setRelease(this, exec + 1);
      if (ref == null) {
        synchronized (capLock) {
          if (slots[slot] == held) {
            freeSlot(slot);
          }
        }
      } else {
        Thread w = ref.waiter;
        if (w != null) {
          LockSupport.unpark(w);
        }
      }
    } finally {
      Reference.reachabilityFence(ref);
    }
  }

  private static boolean anyFailure(SlotReader[] slots) {
    for (SlotReader r : slots) {
      if (r.isFailure()) {
        return true;
      }
    }
    return false;
  }

  private ActorTaskException taskException(AbstractRef ref) {
    Failure f = ref.failure;
    // In this JVM the cause is what the actor threw; from a worker process, a carrier of its class, message, stack.
    Throwable cause = f.original() != null ? f.original()
        : new RemoteActorException(f.className(), f.message(), f.stackTrace());
    return new ActorTaskException(name + " execution #" + ref.execution + ": " + f.actor() + "." + f.method()
        + " threw " + f.className() + (f.message() == null ? "" : ": " + f.message())
        + "; the calls that depend on it were skipped for this execution, and the graph stays usable (the"
        + " cause is the original exception)", f.actor(), f.method(), ref.execution, cause);
  }

  private ChannelTimeoutException timeoutException(AbstractRef ref, long timeoutNanos) {
    return new ChannelTimeoutException(name + ": execution #" + ref.execution + " has no result after "
        + Duration.ofNanos(timeoutNanos) + "; the Ref stays readable, so call get again to keep waiting, or raise"
        + " the timeout (get(Duration) or GraphOptions.withGetTimeout)");
  }

  // ---------------------------------------------------------------- async

  /** A future completed with {@code getter.apply(ref)} (or its exception) on the graph's async thread. */
  public <R extends AbstractRef, T> CompletableFuture<T> toFuture(R ref, Function<R, T> getter) {
    CompletableFuture<T> future = new CompletableFuture<>();
    asyncWork.add(() -> {
      try {
        future.complete(getter.apply(ref));
      } catch (Throwable e) {
        future.completeExceptionally(e);
      }
    });
    synchronized (this) {
      if (asyncThread == null) {
        asyncThread = new Thread(this::runAsync, "cgraph-" + name + "-async");
        asyncThread.setDaemon(true);
        asyncThread.start();
      }
    }
    return future;
  }

  private void runAsync() {
    try {
      for (;;) {
        Runnable work = asyncWork.poll(50, TimeUnit.MILLISECONDS);
        if (work != null) {
          work.run();
        } else if (state == CLOSED) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
    CLEANER.register(graph, new Closer(this));
  }

  /** The Cleaner action: must not reference the graph object. */
  private record Closer(GraphRuntime runtime) implements Runnable {
    @Override
    public void run() {
      if (!runtime.closing.get()) {
        LOG.log(System.Logger.Level.WARNING, runtime.name + " became unreachable without close(); closing it now."
            + " Close graphs explicitly (try-with-resources) to release their threads and channel files promptly.");
        runtime.close();
      }
    }
  }

  private static void installShutdownHook() {
    if (HOOK_INSTALLED.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        for (GraphRuntime rt : LIVE) {
          rt.close();
        }
      }, "cgraph-shutdown"));
    }
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
    return observer.snapshot((long) NEXT_EXECUTION.getAcquire(this), (long) NEXT_PUMP.getAcquire(this),
        journal == null ? null : journal.stats(), List.copyOf(actorThreads().values()));
  }

  /** Whether {@link #close()} has been called. */
  public boolean isClosed() {
    return closing.get();
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
    LIVE.remove(this);
    synchronized (this) {
      state = CLOSED;
    }
    wakeEveryone();
    long start = System.nanoTime();
    long deadline = start + teardownTimeoutNanos;
    long graceful = start + Math.min(teardownTimeoutNanos, GRACEFUL_STOP_NANOS);
    if (remote != null) {
      remote.stop(teardownTimeoutNanos);
    }
    boolean allStopped = stopLocalActors(graceful, deadline);
    if (remote != null) {
      remote.awaitStopped(deadline, Duration.ofNanos(teardownTimeoutNanos));
    }
    Thread async;
    synchronized (this) {
      async = asyncThread;
    }
    if (async != null && async != Thread.currentThread()) {
      join(async, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    }
    if (allStopped && lockDriver(deadline)) {
      try {
        closeChannels();
      } finally {
        pumpLock.unlock();
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
    List<CompletableFuture<Void>> stopped = stopTasks();
    // Unbind once every executor let go, even if that is after the teardown timeout (abandoned).
    CompletableFuture.allOf(stopped.toArray(new CompletableFuture<?>[0])).whenComplete((v, e) -> unbindLocalActors());
    boolean all = true;
    for (CompletableFuture<Void> f : stopped) {
      if (await(f, graceful)) {
        continue;
      }
      for (Executor e : executors) {
        if (e != null && e.isRunning(owner) && e.thread() != Thread.currentThread()) {
          e.interrupt();
        }
      }
      if (!await(f, deadline)) {
        all = false;
      }
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
    if (lockBy(pumpLock, deadline)) {
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

  private static boolean await(CompletableFuture<Void> f, long deadlineNanos) {
    for (;;) {
      if (f.isDone()) {
        return true;
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        f.get(left, TimeUnit.NANOSECONDS);
        return true;
      } catch (java.util.concurrent.TimeoutException e) {
        return false;
      } catch (java.util.concurrent.ExecutionException e) {
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return f.isDone();
      }
    }
  }

  private void wakeEveryone() {
    for (Channel c : channels) {
      if (c != null) {
        c.wakeAll();
      }
    }
    handOverPump();
    Thread w = capacityWaiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
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
  }

  private static boolean join(Thread t, long deadlineNanos) {
    for (;;) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return !t.isAlive();
      }
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !t.isAlive();
      }
      if (!t.isAlive()) {
        return true;
      }
    }
  }

  /** The smallest power of two at least {@code maxInflight}. */
  static int ringSlots(int maxInflight) {
    return maxInflight <= 1 ? 1 : Integer.highestOneBit(maxInflight - 1) << 1;
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
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
