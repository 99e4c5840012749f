package io.cgraph.runtime.exec;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.ChannelTimeoutException;
import io.cgraph.runtime.GraphClosedException;
import io.cgraph.runtime.RefAlreadyConsumedException;
import io.cgraph.runtime.RemoteActorException;
import io.cgraph.runtime.channel.ChannelReader;
import io.cgraph.runtime.codec.Failure;
import io.cgraph.runtime.codec.SlotReader;
import io.cgraph.runtime.journal.JournalWriter;
import io.cgraph.runtime.observe.Observer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
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
  }

  private final String name;
  private final int maxInflight;
  private final long getTimeoutNanos;
  private final Graph graph;
  private final Capacity capacity;
  private final JournalWriter journal;
  private final Observer observer;
  final ReentrantLock lock = new ReentrantLock();
  private final ChannelReader[] outputs;
  private final SlotReader[] outputSlots;
  /** Capacity slot of each execution not yet delivered, by execution number modulo maxInflight. */
  private final int[] pendingSlot;
  /** The next execution to deliver. */
  @SuppressWarnings("unused") // accessed through NEXT
  private volatile long next;
  private final AtomicInteger getWaiters = new AtomicInteger();
  /** The Ref whose get pumps now (under the lock): its wait stops when it fails fast or is interrupted. */
  private AbstractRef watched;
  private final java.util.function.BooleanSupplier stopWaiting =
      () -> watched.state != AbstractRef.PENDING || Thread.currentThread().isInterrupted();
  private final ConcurrentLinkedQueue<Thread> parkedGetters = new ConcurrentLinkedQueue<>();

  ResultPump(String name, int maxInflight, long getTimeoutNanos, Graph graph, Capacity capacity,
      JournalWriter journal, Observer observer, ChannelReader[] outputs) {
    this.name = name;
    this.maxInflight = maxInflight;
    this.getTimeoutNanos = getTimeoutNanos;
    this.graph = graph;
    this.capacity = capacity;
    this.journal = journal;
    this.observer = observer;
    this.outputs = outputs;
    this.outputSlots = new SlotReader[outputs.length];
    this.pendingSlot = new int[maxInflight];
  }

  /** Records which capacity slot execution {@code exec} holds; before its inputs are published. */
  void submitted(long exec, int slot) {
    pendingSlot[(int) (exec % maxInflight)] = slot;
  }

  /** The first execution whose result has not been delivered yet. */
  long undelivered() {
    return (long) NEXT.getAcquire(this);
  }

  /** Whether every submitted result has been delivered and no thread waits in {@code get}. */
  boolean nobodyCouldRead() {
    return undelivered() == graph.submitted() && getWaiters.get() == 0;
  }

  /**
   * Waits for {@code ref}'s result (the graph's get timeout when {@code timeout} is null) and marks
   * it consumed, freeing its capacity slot; throws what {@code Ref.get} documents.
   */
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
        if (s == AbstractRef.FILLING) {
          Thread.onSpinWait(); // the pump or a fast fail is writing the result in
          continue;
        }
        if (s == AbstractRef.FAILED && !ref.isDelivered()) {
          pollResults(); // failed fast: take what has arrived of this execution, so it is journaled and freed
        }
        if (s == AbstractRef.READY || s == AbstractRef.FAILED) {
          if (ref.consume(s)) {
            if (ref.isDelivered()) { // else a fast fail: the pump frees the slot when the results arrive
              capacity.free(ref);
            }
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
        Interrupts.checkGet(name, ref.execution);
        graph.checkUsable(); // closed: the catch below names the pending execution
        if (lock.tryLock()) {
          boolean arrived;
          try {
            arrived = pumpUntilDone(ref, deadline);
          } finally {
            lock.unlock();
            handOver();
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
    AbstractRef ref = capacity.holder(pendingSlot[(int) (exec % maxInflight)]);
    if (ref == null || ref.execution != exec || !ref.startFilling()) {
      return;
    }
    ref.failure = failure;
    ref.publish(AbstractRef.FAILED);
    Thread w = ref.waiter;
    if (w != null) {
      LockSupport.unpark(w);
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
    while (ref.state == AbstractRef.PENDING) {
      long exec = (long) NEXT.getOpaque(this);
      for (int i = 0; i < outputs.length; i++) {
        SlotReader r = outputs[i].poll(exec);
        if (r == null) {
          watched = ref;
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
    if (!lock.tryLock()) {
      return;
    }
    try {
      if (graph.isClosed()) {
        return;
      }
      outer:
      for (long exec = undelivered(); exec < graph.submitted(); exec = undelivered()) {
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
      lock.unlock();
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
    int slot = pendingSlot[(int) (exec % maxInflight)];
    AbstractRef ref = capacity.holder(slot);
    boolean failedFast = ref != null && !ref.startFilling();
    try {
      if (ref != null && !failedFast) {
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
          }
        }
        ref.markDeliveredBeforePublish();
        if (failure != null) {
          ref.failure = failure;
          ref.publish(AbstractRef.FAILED);
        } else {
          ref.publish(AbstractRef.READY);
        }
      } else if (failedFast) {
        // The Ref failed fast before these results arrived: they are discarded, and the capacity slot is
        // freed now if its get already threw (else that get frees it).
        ref.markDelivered();
        if (ref.state == AbstractRef.CONSUMED) {
          capacity.free(ref);
        }
      }
      if (journal != null) {
        journal.result(exec, outputSlots);
      }
      observer.delivered(exec, ref != null ? ref.failure != null : anyFailure(outputSlots));
      for (ChannelReader r : outputs) {
        r.release(exec);
      }
      // Before the Ref can be collected (reachabilityFence below), so that the capacity frees the slot
      // of a delivered Ref that is collected later; a Ref already gone is freed here.
      NEXT.setRelease(this, exec + 1);
      if (ref == null) {
        capacity.freeIfDropped(slot);
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

  static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
