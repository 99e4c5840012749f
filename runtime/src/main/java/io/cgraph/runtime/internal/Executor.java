package io.cgraph.runtime.internal;

import io.cgraph.runtime.WaitStrategy;
import io.cgraph.runtime.channel.AssistedWait;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread that runs the {@link ActorTask}s of any number of actors of any number of graphs, a
 * batch per task in turn. An actor lives on exactly one executor, so its calls never run on two
 * threads, and each task runs its executions in order. When no task has work, the executor waits
 * with the most eager of its tasks' wait strategies; one that parks arms every gate first, so the
 * writer of any of them wakes it.
 *
 * <p>Tasks are added and removed through requests the thread applies between batches (so a removed
 * task is never running when its removal completes). The thread ends when it is {@link #retire()
 * retired} and has no task left.
 */
final class Executor {
  private static final System.Logger LOG = System.getLogger("io.cgraph.runtime");
  /** Live executor threads whose wait strategy keeps a core busy; warned about past the core count. */
  private static final AtomicInteger SPINNING = new AtomicInteger();
  private static final ActorTask[] NONE = new ActorTask[0];
  /**
   * The executor threads' stack: values nested as deeply as a chain of ~100,000 records encode and
   * decode on it (a JVM's default 1 MiB overflows near 10,000); a deeper one breaks the graph with
   * the StackOverflowError named.
   */
  static final long STACK_BYTES = 64L << 20;

  private final String name;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> requests = new ConcurrentLinkedQueue<>();
  private volatile boolean pending;
  private volatile boolean retired;
  /** Only the executor thread touches these. */
  private ActorTask[] tasks = NONE;
  private WaitStrategy wait = WaitStrategy.balanced();
  private boolean spinning;
  /**
   * The task whose batch is running, for close(): only then may its graph interrupt this thread.
   * Written with opaque stores (no fence on the hot path); close() reads it best effort.
   */
  @SuppressWarnings("unused") // accessed through CURRENT
  private ActorTask current;
  private static final java.lang.invoke.VarHandle CURRENT;

  static {
    try {
      CURRENT = java.lang.invoke.MethodHandles.lookup().findVarHandle(Executor.class, "current", ActorTask.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The most extra yields any task's gates ask for; recomputed when the tasks change. */
  private int extraYields;

  /** Starts the thread: from {@code factory} when given (named {@code name} and made a daemon here), else cgraph's own. */
  Executor(String name, java.util.concurrent.ThreadFactory factory) {
    this.name = name;
    if (factory == null) {
      // A large stack (reserved, committed only as used) so that deeply nested values encode and decode.
      this.thread = new Thread(null, this::run, name, STACK_BYTES);
    } else {
      this.thread = factory.newThread(this::run);
      if (thread == null) {
        throw new IllegalStateException("the ThreadFactory of GraphOptions.withThreadFactory returned null for " + name);
      }
      if (thread.isAlive()) {
        throw new IllegalStateException("the ThreadFactory of GraphOptions.withThreadFactory returned a started thread"
            + " for " + name + "; return it unstarted");
      }
      thread.setName(name);
    }
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** The thread's name. */
  String name() {
    return name;
  }

  /** Adds {@code task}; it starts with its next batch. */
  void add(ActorTask task) {
    request(() -> {
      ActorTask[] more = Arrays.copyOf(tasks, tasks.length + 1);
      more[tasks.length] = task;
      setTasks(more);
    });
  }

  /**
   * Removes every task of {@code owner}; the future completes once none of them runs or will run
   * again on this thread (at once if the thread has ended).
   */
  CompletableFuture<Void> remove(TaskOwner owner) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    request(() -> {
      dropTasksOf(owner);
      done.complete(null);
    });
    if (!thread.isAlive()) {
      done.complete(null);
    }
    return done;
  }

  /**
   * Waits for {@code removal} (from {@link #remove}) of {@code owner}'s tasks: until {@code graceful};
   * then, if this thread is still in {@code owner}'s code, interrupts it and waits until
   * {@code deadline}. False if it did not let go by then (the caller abandons it).
   */
  boolean awaitRemoval(CompletableFuture<Void> removal, TaskOwner owner, long graceful, long deadline) {
    if (await(removal, graceful)) {
      return true;
    }
    if (isRunning(owner) && thread != Thread.currentThread()) {
      thread.interrupt();
    }
    return await(removal, deadline);
  }

  private static boolean await(CompletableFuture<Void> f, long deadlineNanos) {
    long left = deadlineNanos - System.nanoTime();
    if (f.isDone() || left <= 0) {
      return f.isDone();
    }
    try {
      f.get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
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

  /** Whether the running batch belongs to {@code owner}. */
  private boolean isRunning(TaskOwner owner) {
    ActorTask t = (ActorTask) CURRENT.getOpaque(this);
    return t != null && t.owner == owner;
  }

  /** Lets the thread end once its last task is removed. */
  void retire() {
    retired = true;
    LockSupport.unpark(thread);
  }

  private void request(Runnable r) {
    requests.add(r);
    pending = true;
    LockSupport.unpark(thread);
  }

  private void applyRequests() {
    pending = false;
    for (Runnable r; (r = requests.poll()) != null; ) {
      r.run();
    }
  }

  private void dropTasksOf(TaskOwner owner) {
    List<ActorTask> kept = new ArrayList<>(tasks.length);
    for (ActorTask t : tasks) {
      if (t.owner != owner) {
        kept.add(t);
      }
    }
    if (kept.size() != tasks.length) {
      setTasks(kept.toArray(NONE));
    }
  }

  private void setTasks(ActorTask[] ts) {
    tasks = ts;
    WaitStrategy eager = WaitStrategy.balanced();
    for (ActorTask t : ts) {
      eager = eager(eager, t.wait);
    }
    wait = eager;
    int extra = 0;
    for (ActorTask t : ts) {
      extra = Math.max(extra, t.extraYields());
    }
    extraYields = extra;
    io.cgraph.runtime.channel.WaitAssist a = null;
    for (int i = 0; i < ts.length && a == null; i++) {
      a = ts[i].waitAssist();
    }
    assisted.use(a);
    boolean spins = ts.length > 0 && eager.occupiesCore();
    if (spins != spinning) {
      spinning = spins;
      int n = spins ? SPINNING.incrementAndGet() : SPINNING.decrementAndGet();
      if (spins) {
        WaitStrategy.warnIfOversubscribed(n + 1); // the driver thread waits the same way
      }
    }
  }

  /** The strategy that waits more eagerly: one that never parks wins over one that parks. */
  private static WaitStrategy eager(WaitStrategy a, WaitStrategy b) {
    if (a.signalsParked() != b.signalsParked()) {
      return a.signalsParked() ? b : a;
    }
    return a.slowRoundsFrom() >= b.slowRoundsFrom() ? a : b;
  }

  private void run() {
    long round = 0;
    try {
      for (;;) {
        if (pending) {
          applyRequests();
        }
        ActorTask[] ts = tasks;
        if (ts.length == 0) {
          if (retired && requests.isEmpty()) {
            return;
          }
          LockSupport.parkNanos(this, 10_000_000L);
          Thread.interrupted(); // an interrupt meant for a task that is gone
          continue;
        }
        int work = 0;
        // Never counted as assisting while a call runs (it may run long): the transport's own thread
        // then moves other traffic. Leaving and entering again costs two atomics per idle round.
        assisted.stop(false);
        for (ActorTask t : ts) {
          work += runBatch(t);
        }
        if (work > 0) {
          round = 0;
        } else if (assisted.round() > 0) {
          round = 0;
        } else {
          if (round == 0 && assisted.present()) {
            round = assisted.firstRound(wait);
          }
          if (wait.idle(round++, extraYields)) {
            assisted.stop(true);
            park(ts);
          }
        }
      }
    } finally {
      assisted.stop(false);
      if (spinning) {
        SPINNING.decrementAndGet();
      }
    }
  }

  /**
   * What this thread runs while its tasks are idle (a transport's rounds, see ChannelReader.waitAssist:
   * the cluster's Aeron data path on a host agent); only the executor thread touches it.
   */
  private final AssistedWait assisted = new AssistedWait();

  private int runBatch(ActorTask t) {
    CURRENT.setOpaque(this, t);
    try {
      return t.runBatch();
    } catch (Throwable e) {
      dropTasksOf(t.owner); // this graph's other actors here stop too: it is broken or closed
      if (t.owner.isRunning()) {
        try {
          t.owner.taskFailed(t, e);
        } catch (RuntimeException | Error report) {
          LOG.log(System.Logger.Level.ERROR, name + ": could not report the failure of " + t, report);
        }
      }
      Thread.interrupted(); // an interrupt from that graph's teardown must not reach the next task
      return 1;
    } finally {
      CURRENT.setOpaque(this, null);
    }
  }

  /** Arms every task's gates, and parks unless one of them is published or a request came. */
  private void park(ActorTask[] ts) {
    int armed = 0;
    long cap = Long.MAX_VALUE;
    boolean park = true;
    for (ActorTask t : ts) {
      if (!t.arm(thread)) {
        park = false;
        break;
      }
      armed++;
      cap = Math.min(cap, t.parkCapNanos());
    }
    if (park && !pending) {
      LockSupport.parkNanos(this, cap);
    }
    for (int i = 0; i < armed; i++) {
      ts[i].disarm();
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
