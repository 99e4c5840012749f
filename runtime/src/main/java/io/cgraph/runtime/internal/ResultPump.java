package io.cgraph.runtime.internal;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.ChannelTimeoutException;
import io.cgraph.runtime.Failure;
import io.cgraph.runtime.GraphClosedException;
import io.cgraph.runtime.RefAlreadyConsumedException;
import io.cgraph.runtime.RemoteActorException;
import io.cgraph.runtime.journal.JournalWriter;
import io.cgraph.runtime.observe.Observer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The driver's result side of one graph: reads the output channels in execution order under the
 * pump lock, decoding each result into its Ref (results read out of order are kept in their Refs
 * until read). A thread waiting in {@code get} while another pumps parks until its result arrives or
 * the pump is handed over.
 */
final class ResultPump {
  private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final VarHandle NEXT;

  static {
    try {
      NEXT = MethodHandles.lookup().findVarHandle(ResultPump.class, "next", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** What the pump needs from its graph. */
  interface Graph {
    /** Throws if the graph is no longer usable. */
    void checkUsable();

    /** Whether the graph was closed (then nothing is read any more). */
    boolean isClosed();

    /** The number of executions submitted so far. */
    long submitted();

    /** Whether the graph runs (neither closed nor broken). */
    boolean isRunning();
  }

  private final String name;
  private final int maxInflight;
  private final long getTimeoutNanos;
  private final Graph graph;
  private final Capacity capacity;
  private final ResultBuffer buffer;
  private final JournalWriter journal;
  private final Observer observer;
  final ReentrantLock lock = new ReentrantLock();
  private final ChannelReader[] outputs;
  private final SlotReader[] outputSlots;
  /**
   * The Ref of each execution in the pipeline (submitted, results not taken off the channels yet), by
   * execution number modulo maxInflight: held strongly until delivery, so the pipeline never depends on
   * the collector.
   */
  private final AbstractRef[] pending;
  /** The next execution to deliver. */
  @SuppressWarnings("unused") // accessed through NEXT
  private volatile long next;
  private final AtomicInteger getWaiters = new AtomicInteger();
  /** The Ref whose get pumps now (under the lock): its wait stops when it fails fast or is interrupted. */
  private AbstractRef watched;
  private final java.util.function.BooleanSupplier stopWaiting =
      () -> watched.state != AbstractRef.PENDING || Thread.currentThread().isInterrupted();
  private final ConcurrentLinkedQueue<Thread> parkedGetters = new ConcurrentLinkedQueue<>();

  // executeAsync: futures are completed here, by whichever thread delivers (see ResultFuture)
  /** Futures handed out and not completed yet; while there are any, arrivals start a drain. */
  private final PaddedCounter futuresPending = new PaddedCounter();
  /** Futures whose Ref was filled in under the lock: completed once it is released, by the thread that held it. */
  private final ConcurrentLinkedQueue<ResultFuture<?, ?>> completions = new ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicBoolean drainScheduled = new java.util.concurrent.atomic.AtomicBoolean();
  /** A drain found the lock taken: its holder starts another drain when it lets go. */
  private volatile boolean drainMissed;
  /** Some output channel is written in another process, whose publishes do not reach {@link #arrived}: poll. */
  private final boolean pollForArrivals;
  private long pollNanos = MIN_POLL_NANOS;
  private static final long MIN_POLL_NANOS = 20_000;
  /**
   * Where drains run: the common pool, unless it has no threads of its own (parallelism 0, where the
   * JDK may never run a task nobody joins); then a short-lived daemon thread per drain.
   */
  private static final java.util.concurrent.Executor ASYNC = ForkJoinPool.getCommonPoolParallelism() > 0
      ? ForkJoinPool.commonPool()
      : task -> {
        Thread t = new Thread(task, "cgraph-drain");
        t.setDaemon(true);
        t.start();
      };
  private static final long MAX_POLL_NANOS = 1_000_000;

  ResultPump(String name, int maxInflight, long getTimeoutNanos, Graph graph, Capacity capacity, ResultBuffer buffer,
      JournalWriter journal, Observer observer, ChannelReader[] outputs, boolean pollForArrivals) {
    this.name = name;
    this.maxInflight = maxInflight;
    this.getTimeoutNanos = getTimeoutNanos;
    this.graph = graph;
    this.capacity = capacity;
    this.buffer = buffer;
    this.pollForArrivals = pollForArrivals;
    this.journal = journal;
    this.observer = observer;
    this.outputs = outputs;
    this.outputSlots = new SlotReader[outputs.length];
    this.pending = new AbstractRef[maxInflight];
  }

  /** Records {@code ref} as execution {@code exec}'s; before its inputs are published. */
  void submitted(long exec, AbstractRef ref) {
    pending[(int) (exec % maxInflight)] = ref;
  }

  /** The first execution whose result has not been delivered yet. */
  long undelivered() {
    return (long) NEXT.getAcquire(this);
  }

  /** Whether no thread waits in {@code get} (or a future's {@code join}). */
  boolean nobodyReads() {
    return getWaiters.get() == 0;
  }

  /**
   * Waits for {@code ref}'s result (the graph's get timeout when {@code timeout} is null) and marks
   * it consumed, freeing its place in the buffer; throws what {@code Ref.get} documents.
   */
  void await(AbstractRef ref, Duration timeout) {
    long timeoutNanos = timeout == null ? getTimeoutNanos : saturatedNanos(timeout);
    for (;;) {
      int s = awaitArrival(ref, timeoutNanos);
      if (s == AbstractRef.CONSUMED) {
        throw new RefAlreadyConsumedException(name + ": the result of execution #" + ref.execution
            + " was already taken; get() returns a result once, so keep the value it returned");
      }
      if (ref.consume(s)) {
        // A Ref the pump buffered has its place set before it was published; one that failed fast may be
        // buffered by the pump concurrently, so the buffer's lock decides.
        if (ref.bufferSlot >= 0 || s == AbstractRef.FAILED) {
          buffer.remove(ref);
        }
        if (s == AbstractRef.FAILED) {
          throw taskException(ref);
        }
        return;
      }
    }
  }

  /**
   * Waits up to {@code timeoutNanos} (pumping, or parked while another thread pumps) until
   * {@code ref} has its result, without taking it; returns its state (READY, FAILED or CONSUMED).
   * Throws {@code ChannelTimeoutException} at the deadline, and what the graph's state calls for.
   */
  int awaitArrival(AbstractRef ref, long timeoutNanos) {
    timeoutNanos = Math.max(0, timeoutNanos); // a negative timeout polls once, as a zero one
    long start = System.nanoTime();
    long deadline = start + timeoutNanos;
    if (deadline < start) {
      deadline = Long.MAX_VALUE;
    }
    boolean counted = false;
    try {
      for (;;) {
        int s = ref.state;
        if (s == AbstractRef.FILLING) {
          Thread.onSpinWait(); // the pump or a fast fail is writing the result in
          continue;
        }
        if (s == AbstractRef.FAILED && !ref.isDelivered()) {
          pollResults(); // failed fast: take what has arrived of this execution, so it is journaled and freed
        }
        if (s != AbstractRef.PENDING) {
          return s;
        }
        graph.checkUsable(); // closed: the catch below names the pending execution (even for an interrupted thread)
        Interrupts.checkGet(name, ref.execution);
        if (!counted) {
          // The usual case when results keep up: this Ref's result has arrived; take it without counting
          // this thread as a waiter (two atomics fewer per get).
          if (lock.tryLock()) {
            try {
              watched = ref;
              deliverArrived(ref.execution);
            } finally {
              unlock(true);
            }
            if (ref.state != AbstractRef.PENDING) {
              continue;
            }
          }
          counted = true;
          getWaiters.incrementAndGet();
        }
        if (lock.tryLock()) {
          boolean arrived;
          try {
            arrived = pumpUntilDone(ref, deadline);
          } finally {
            unlock(true);
          }
          if (!arrived && ref.state == AbstractRef.PENDING) {
            throw timeoutException(ref, timeoutNanos);
          }
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw timeoutException(ref, timeoutNanos);
          }
          Thread me = Thread.currentThread();
          ref.waiter = me;
          parkedGetters.add(me);
          if (ref.state == AbstractRef.PENDING && lock.isLocked()) {
            LockSupport.parkNanos(this, Math.min(left, MAX_PARK_NANOS));
          }
          parkedGetters.remove(me);
          ref.waiter = null;
        }
      }
    } catch (GraphClosedException e) {
      throw closedWhilePending(ref);
    } finally {
      if (counted) {
        getWaiters.decrementAndGet();
      }
    }
  }

  /**
   * Fast fail: an actor in this JVM failed during execution {@code exec}. Its Ref fails at once, and
   * a thread waiting in its {@code get} throws without waiting for the execution's other branches;
   * their results are discarded when they arrive. Called on the failing actor's thread.
   */
  void failedFast(long exec, Failure failure) {
    if (exec >= graph.submitted() || exec < undelivered()) {
      return;
    }
    AbstractRef ref = pending[(int) (exec % maxInflight)];
    if (ref == null || ref.execution != exec || !ref.startFilling()) {
      return;
    }
    ref.failure = failure;
    ref.publish(AbstractRef.FAILED);
    Thread w = ref.waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
    ResultFuture<?, ?> f = ref.future;
    if (f != null) {
      completions.add(f); // not on this actor's thread: a drain completes it
      scheduleDrain();
    }
  }

  /** The graph closed while {@code ref} was pending: what its get throws, naming the execution. */
  private GraphClosedException closedWhilePending(AbstractRef ref) {
    return new GraphClosedException(name + " was closed while execution #" + ref.execution + " was pending; its"
        + " result is lost (compile a new graph and execute it again)");
  }

  /** Unparks the threads that wait for another thread's pumping, so one of them takes the pump. */
  void handOver() {
    if (parkedGetters.isEmpty()) {
      return; // the usual case: one reading thread, nobody to hand over to (and no iterator)
    }
    for (Thread t : parkedGetters) {
      LockSupport.unpark(t);
    }
  }

  /** Pumps results in order until {@code ref} has its result; false at the deadline. Holds the lock. */
  private boolean pumpUntilDone(AbstractRef ref, long deadline) {
    watched = ref; // delivered to this thread, which takes it at once: not buffered
    while (ref.state == AbstractRef.PENDING) {
      long exec = (long) NEXT.getOpaque(this);
      for (int i = 0; i < outputs.length; i++) {
        SlotReader r = outputs[i].poll(exec);
        if (r == null) {
          r = outputs[i].await(exec, deadline, stopWaiting);
          if (r == null) {
            putBack(i, exec);
            if (ref.state != AbstractRef.PENDING) {
              return true; // failed fast: its get need not wait for the rest
            }
            Interrupts.checkGet(name, ref.execution);
            return false; // the deadline passed
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
    pollResults(true);
  }

  /**
   * As {@link #pollResults()}; with {@code complete} false (the caller holds the submit lock, where a
   * future's dependent stage calling {@code execute} would nest), futures are completed by a drain.
   */
  void pollResults(boolean complete) {
    if (!lock.tryLock()) {
      drainMissed = true; // whoever holds it looks again when it lets go
      if (!lock.tryLock()) {
        return;
      }
    }
    try {
      watched = null;
      deliverArrived(Long.MAX_VALUE);
    } finally {
      unlock(complete);
    }
  }

  /** Delivers, without waiting, the results that have arrived, up to execution {@code last}. Holds the lock. */
  private void deliverArrived(long last) {
    if (graph.isClosed()) {
      return;
    }
    long submitted = graph.submitted();
    outer:
    for (long exec = undelivered(); exec < submitted && exec <= last; exec = undelivered()) {
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
  }

  /**
   * Lets go of the pump: hands it over to a parked getter, starts a drain if one found the lock taken,
   * and completes the futures whose results were delivered meanwhile (their dependent stages run on
   * this thread, outside the lock). The missed drain is started first: a dependent stage may block
   * (on another future, even) and never come back to it.
   */
  private void unlock(boolean complete) {
    watched = null;
    lock.unlock();
    handOver();
    if (drainMissed) {
      drainMissed = false;
      if (futuresPending.get() > 0) {
        scheduleDrain();
      }
    }
    if (complete) {
      runCompletions();
    } else if (!completions.isEmpty()) {
      scheduleDrain();
    }
  }

  private void runCompletions() {
    ResultFuture<?, ?> f;
    while ((f = completions.poll()) != null) {
      if (!completions.isEmpty()) {
        scheduleDrain(); // a dependent stage may block (on another future, even): the rest must not wait for it
      }
      f.completeFromRef();
    }
  }

  /** Gives back the slots of {@code exec} already taken from outputs {@code 0..upTo-1}. */
  private void putBack(int upTo, long exec) {
    for (int j = 0; j < upTo; j++) {
      outputs[j].putBack(exec);
    }
  }

  /** Hands the result of {@code exec} (in outputSlots) to its Ref, if the Ref is still alive. Holds the lock. */
  private void deliver(long exec) {
    int index = (int) (exec % maxInflight);
    AbstractRef ref = pending[index];
    boolean failedFast = !ref.startFilling();
    if (!failedFast) {
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
        } catch (StackOverflowError e) {
          // A value nested too deeply for this thread's stack fails its execution, not the graph: the
          // pump moves on, so later results are not stuck behind it.
          failure = Failure.of("driver", "decode", new io.cgraph.runtime.CGraphException(name + ": the result of"
              + " execution #" + exec + " is nested too deeply to decode on this thread's stack; send flatter"
              + " values (a List instead of a chain of records), or run the reading thread with a larger stack"
              + " (-Xss or new Thread(group, task, name, stackSize))", e));
        } catch (Error e) {
          // Out of memory, or a value class that cannot load: that execution fails, and the pump moves on
          // (leaving the Ref half filled would hang its get and every later one).
          failure = Failure.of("driver", "decode", new io.cgraph.runtime.CGraphException(name + ": the result of"
              + " execution #" + exec + " could not be decoded: " + e, e));
        }
      }
      ref.markDeliveredBeforePublish();
      // An unread result waits in the buffer, unless this thread takes it now or a future will.
      boolean buffered = ref != watched && ref.future == null;
      if (buffered) {
        buffer.add(ref); // sets its place before the publish below, so its get sees it
      }
      if (failure != null) {
        ref.failure = failure;
        ref.publish(AbstractRef.FAILED);
      } else {
        ref.publish(AbstractRef.READY);
      }
      ResultFuture<?, ?> f = ref.future; // read after the publish: see toFuture
      if (f != null) {
        if (buffered) {
          buffer.remove(ref); // toFuture came in between: its future completes from this Ref
        }
        completions.add(f);
        if (watched != null && watched != ref) {
          scheduleDrain(); // this thread goes on waiting for its own result: another completes the future
        }
      }
    } else {
      // The Ref failed fast before these results arrived: they are discarded. Unless its get already
      // took the failure, it waits in the buffer like any other unread result.
      ref.markDelivered();
      if (ref.future == null && ref != watched) {
        buffer.add(ref);
      }
    }
    if (journal != null) {
      journal.result(exec, outputSlots);
    }
    observer.delivered(exec, ref.failure != null);
    for (ChannelReader r : outputs) {
      r.release(exec);
    }
    pending[index] = null;
    NEXT.setRelease(this, exec + 1); // the pipeline place is free
    capacity.wake();
    Thread w = ref.waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  // ---------------------------------------------------------------- executeAsync

  /** A future for {@code ref}, completed by the result path; see {@link ResultFuture}. */
  <R extends AbstractRef, T> ResultFuture<R, T> future(R ref, java.util.function.Function<R, T> getter) {
    ResultFuture<R, T> f = new ResultFuture<>(ref, getter, this);
    futuresPending.incrementAndGet();
    ref.future = f;
    // Read after the write above. The pump (or a fast fail) takes FILLING with a CAS and reads the future
    // after it: if this read sees PENDING, the pump sees the future; else wait out FILLING and complete here.
    int s;
    while ((s = ref.state) == AbstractRef.FILLING) {
      Thread.onSpinWait();
    }
    if (s != AbstractRef.PENDING) {
      f.completeFromRef(); // the result was there already (or the graph is gone)
    } else if (pollForArrivals || !graph.isRunning()) {
      scheduleDrain();
    } else {
      // Published before futuresPending counted this future, the result started no drain: take it now.
      // (A writer publishes, fences, then reads futuresPending; this counted, then looks: one sees the other.)
      pollResults();
    }
    return f;
  }

  /**
   * Called by {@code f} once it is complete: unless the program already looked at it (or had a stage
   * waiting on it, {@code hadDependents}), it waits in the buffer.
   */
  void futureCompleted(ResultFuture<?, ?> f, boolean hadDependents) {
    futuresPending.decrementAndGet();
    if (!f.observed && !hadDependents) {
      buffer.add(f);
    }
  }

  /** The program looked at {@code f}: it no longer counts as an unread result. */
  void futureObserved(ResultFuture<?, ?> f) {
    buffer.remove(f);
  }

  /**
   * Told by an output channel's writer in this JVM that it published: while futures are pending, a
   * drain on the common pool delivers what arrived (no thread of the graph's own; none at all while
   * the program uses only get).
   */
  void arrived() {
    if (futuresPending.get() > 0) {
      scheduleDrain();
    }
  }

  private void scheduleDrain() {
    if (drainScheduled.compareAndSet(false, true)) {
      ASYNC.execute(this::drain);
    }
  }

  private void drain() {
    drainScheduled.set(false);
    long before = undelivered();
    pollResults();
    runCompletions(); // those queued by a fast fail
    if (!graph.isRunning()) {
      completeAbandoned();
      return;
    }
    if (pollForArrivals && futuresPending.get() > 0 && drainScheduled.compareAndSet(false, true)) {
      // A writer in another process cannot tell this JVM that it published: look again soon, less
      // often while nothing arrives.
      pollNanos = undelivered() != before ? MIN_POLL_NANOS : Math.min(MAX_POLL_NANOS, pollNanos * 2);
      CompletableFuture.delayedExecutor(pollNanos, TimeUnit.NANOSECONDS, ASYNC).execute(this::drain);
    }
  }

  /**
   * The graph closed or broke: every future still pending completes with what its Ref's get throws.
   * Runs on the closing thread (so that {@code close()} returns with every future done) or on a drain.
   */
  void completeAbandoned() {
    graph.submitted(); // a volatile read: the Refs of every submitted execution are visible below
    for (int i = 0; i < pending.length; i++) {
      AbstractRef ref = pending[i];
      ResultFuture<?, ?> f = ref == null ? null : ref.future;
      if (f != null && !f.isDone()) { // each drain of a closed graph comes here: only what is still pending
        completions.add(f);
      }
    }
    runCompletions();
  }

  /** Starts a drain that completes the futures of a graph that just broke (not on the breaking thread). */
  void abandonLater() {
    scheduleDrain();
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

  static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
