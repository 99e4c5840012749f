package io.cgraph.cluster;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.cgraph.runtime.channel.Channel;
import io.cgraph.runtime.channel.WaitAssist;
import io.cgraph.runtime.internal.ChannelDirs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.IdleStrategy;

/**
 * This JVM's Aeron: an embedded media driver and its client, in a directory of its own,
 * {@code <shm>/cgraph-aeron-<pid>-<random>}, deleted at close (directories of processes that are
 * gone are swept at start: a {@code kill -9} leaves one behind), all run by <b>one data thread</b>
 * ({@code cgraph-aeron}): the driver's duty cycle (invoker mode), the client conductor's, and the
 * work of every graph's {@link Bridge} on this JVM, with one idle strategy. One thread instead of
 * a driver thread, a conductor thread and a thread per bridge: fewer hand-offs per message and one
 * poller when idle. Other threads may still create and close publications: the client's lock,
 * which this thread holds while it runs the driver, keeps the two apart.
 *
 * <p><b>Waiting threads run the rounds.</b> A round may also run on a thread that waits on one of
 * this JVM's cross-host channels ({@link #waitAssist()}: a driver's caller in {@code get}, an idle
 * executor of an agent's actors), so that a message reaches the thread that wants it in the round
 * that receives it, without a hand-off. Rounds are serialised by {@link #duty}; while any thread
 * assists, the data thread stands aside (parked in steps of {@value #HELPED_PARK_NANOS} ns), so
 * that on a machine with few cores it does not compete with the waiting thread for one.
 */
final class AeronNode implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.cgraph.cluster");

  private final MediaDriver driver;
  private final Aeron aeron;
  private final ReentrantLock clientLock;
  private final AgentInvoker driverInvoker;
  private final AgentInvoker conductorInvoker;
  private final IdleStrategy idle;
  private final Thread thread;
  private volatile boolean running = true;
  /** The bridges the data thread runs; replaced (copy on write) under {@code this}. */
  private volatile Bridge[] bridges = new Bridge[0];
  /** Held by whoever runs a round: the data thread or a thread that assists while it waits. */
  private final ReentrantLock duty = new ReentrantLock();
  /** Threads waiting with {@link #waitAssist()} now: while there are any, the data thread stands aside. */
  private final AtomicInteger helpers = new AtomicInteger();
  /**
   * How long the data thread parks at a time while waiting threads run its rounds: also how long it
   * may take to resume after the last one leaves without parking (an executor starting a call).
   * Measured (benchmarks/cluster.sh, YIELDING): with 50 µs, its wake-ups (20,000 a second per JVM)
   * cost Echo p50 1–2 µs, and Linear3 at 16 in flight made 74–81 k/s against 122–128 k/s with 1 ms
   * (both with 16 spin rounds in the waits).
   */
  static final long HELPED_PARK_NANOS = 1_000_000;
  /** Rounds the data thread itself ran (not those of assisting threads); for tests. */
  private volatile long dataThreadRounds;
  /** Rounds that assisting threads ran; written under {@link #duty}. */
  private volatile long helperRounds;
  final Path dir;

  private AeronNode(MediaDriver driver, Aeron aeron, ReentrantLock clientLock, IdleStrategy idle, Path dir) {
    this.driver = driver;
    this.aeron = aeron;
    this.clientLock = clientLock;
    this.driverInvoker = driver.sharedAgentInvoker();
    this.conductorInvoker = aeron.conductorAgentInvoker();
    this.idle = idle;
    this.dir = dir;
    this.thread = new Thread(this::run, "cgraph-aeron");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts a media driver and its client in invoker mode, run by one data thread that idles with {@code idle}. */
  static AeronNode start(Path parent, IdleStrategy idle) {
    ChannelDirs.sweepStale(parent); // the directories of dead processes (kill -9 leaves them)
    // An owner-only (0700) directory of our own, cgraph-aeron-<pid>-<random>, holds Aeron's: Aeron creates
    // its files with the default umask (world-readable log buffers: graph data), and recreates its own
    // directory at start, so the protection has to be the one around it.
    Path dir = ChannelDirs.create(parent, "aeron");
    MediaDriver.Context ctx = new MediaDriver.Context()
        .aeronDirectoryName(dir.resolve("driver").toString())
        .threadingMode(ThreadingMode.INVOKER)
        .dirDeleteOnStart(true)
        .dirDeleteOnShutdown(true)
        .termBufferSparseFile(true)
        .errorHandler(e -> LOG.log(System.Logger.Level.WARNING, "Aeron media driver: " + e, e));
    MediaDriver driver;
    try {
      driver = MediaDriver.launchEmbedded(ctx);
    } catch (RuntimeException | Error e) {
      ChannelDirs.deleteRecursively(dir);
      throw e;
    }
    ReentrantLock lock = new ReentrantLock();
    try {
      Aeron aeron = Aeron.connect(new Aeron.Context()
          .aeronDirectoryName(driver.aeronDirectoryName())
          .useConductorAgentInvoker(true)
          .driverAgentInvoker(driver.sharedAgentInvoker())
          .clientLock(lock)
          .errorHandler(e -> LOG.log(System.Logger.Level.WARNING, "Aeron client: " + e, e)));
      return new AeronNode(driver, aeron, lock, idle, dir);
    } catch (RuntimeException e) {
      driver.close();
      ChannelDirs.deleteRecursively(dir);
      throw e;
    }
  }

  private void run() {
    long helpedSeen = -1;
    while (running) {
      if (helpers.get() > 0) {
        long helped = helperRounds;
        if (helped != helpedSeen) {
          // Threads waiting on this JVM's graphs run the rounds (see waitAssist()): stand aside, so
          // that on a busy machine they do not compete with this thread for a core. Only while they
          // do run rounds: a helper busy elsewhere (descheduled, or an executor that started a call)
          // made none during the last park, and then this thread runs them itself.
          helpedSeen = helped;
          LockSupport.parkNanos(this, HELPED_PARK_NANOS);
          continue;
        }
      }
      int work = 0;
      if (!duty.hasQueuedThreads() && duty.tryLock()) { // never ahead of a remove() or close() waiting for the lock
        try {
          work = running ? round(false) : -1;
          if (work < 0) {
            return;
          }
          dataThreadRounds++; // only this thread writes it
        } finally {
          duty.unlock();
        }
      }
      idle.idle(work);
    }
  }

  /**
   * One round, by the data thread or a waiting thread holding {@link #duty}: the media driver's
   * duty cycle, the client conductor's, every bridge's work. Returns the work done, or -1 if it
   * failed (the node is dead then).
   */
  private int round(boolean helper) {
    try {
      int work = 0;
      if (!helper) {
        clientLock.lock();
      } else if (!clientLock.tryLock()) {
        return 0; // another thread is adding or closing a publication: its own driver calls run the driver
      }
      try {
        work = invoke(driverInvoker, helper);
      } finally {
        clientLock.unlock();
      }
      work += invoke(conductorInvoker, helper);
      int moved = 0;
      int sent = 0;
      for (Bridge b : bridges) {
        moved += b.doWork();
        sent += b.sentLastRound;
      }
      if (sent > 0 && clientLock.tryLock()) {
        try {
          work += invoke(driverInvoker, helper); // sends what the forwarders just offered, in this round
        } finally {
          clientLock.unlock();
        }
      }
      if (helper) {
        helperRounds++; // under duty: one writer at a time
      }
      return work + moved;
    } catch (RuntimeException | Error e) {
      running = false;
      LOG.log(System.Logger.Level.ERROR, "the Aeron data path died (on " + Thread.currentThread().getName()
          + "); graphs across hosts on this JVM stop", e);
      for (Bridge b : bridges) {
        b.dataThreadDied(e);
      }
      return -1;
    }
  }

  /**
   * One duty cycle of {@code invoker}'s agent. The data thread goes through the invoker; a waiting
   * thread calls the agent itself, because the invoker closes itself for good when it sees its
   * thread interrupted (Agrona), and a user may interrupt a thread waiting in {@code get}.
   */
  private static int invoke(AgentInvoker invoker, boolean helper) {
    if (!helper) {
      return invoker.invoke();
    }
    try {
      return invoker.agent().doWork();
    } catch (AgentTerminationException e) {
      throw e; // the agent asks to stop: the data path is over, as on the data thread
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the waiting thread's own interrupt, for its wait to see
      return 0;
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "Aeron " + invoker.agent().roleName() + ": " + e, e);
      return 0;
    }
  }

  /**
   * What threads waiting on a graph's channels do while they wait: run the data thread's rounds
   * themselves, so that a message from another host reaches the waiting thread in the round that
   * receives it, with no hand-off to the data thread. That thread stands aside while threads assist
   * and their rounds keep coming, takes over at once when the last one leaves to park, and within
   * {@value #HELPED_PARK_NANOS} ns when they leave for other work or stop running rounds. A thread
   * that is interrupted runs no round (its wait sees the interrupt).
   */
  WaitAssist waitAssist() {
    return assist;
  }

  /** Lets threads that wait on {@code channels} (a graph's rings on this host; nulls skipped) run the rounds. */
  void assistWaitsOn(Channel[] channels) {
    for (Channel c : channels) {
      if (c != null) {
        c.assistWaits(assist);
      }
    }
  }

  private final WaitAssist assist = new WaitAssist() {
    @Override
    public void enter() {
      helpers.incrementAndGet();
    }

    @Override
    public int assist() {
      // Not within a round (a mirror's writer or an inline actor waiting on a channel), not ahead of
      // a remove() or close() waiting for the lock, not on an interrupted thread.
      if (!running || duty.isHeldByCurrentThread() || duty.hasQueuedThreads()
          || Thread.currentThread().isInterrupted() || !duty.tryLock()) {
        return 0;
      }
      try {
        return running ? Math.max(0, round(true)) : 0;
      } finally {
        duty.unlock();
      }
    }

    @Override
    public void leave(boolean parking) {
      if (helpers.decrementAndGet() == 0 && parking) {
        LockSupport.unpark(thread);
      }
    }
  };

  /** Runs {@code bridge} from the next round (the data thread's or a waiting thread's). */
  synchronized void add(Bridge bridge) {
    if (!running || !thread.isAlive()) {
      throw new io.cgraph.runtime.CGraphException("the Aeron data thread of this JVM is not running (closed, or it"
          + " died: see the log); graphs across hosts cannot start here");
    }
    Bridge[] now = Arrays.copyOf(bridges, bridges.length + 1);
    now[now.length - 1] = bridge;
    bridges = now;
  }

  /**
   * Stops running {@code bridge}; returns once no round can still be in it (the one running, on the
   * data thread or a waiting thread, has ended: rounds do not start while this waits for the lock).
   */
  void remove(Bridge bridge) {
    synchronized (this) {
      bridges = Arrays.stream(bridges).filter(b -> b != bridge).toArray(Bridge[]::new);
    }
    if (duty.isHeldByCurrentThread()) {
      return;
    }
    // Until the round that may be running (on the data thread or a waiting one) has finished: only
    // then may the caller close the bridge's channels, which that round may still touch. Later
    // rounds see the new list.
    duty.lock();
    duty.unlock();
  }

  /** Whether the media driver and client conductor still run (an invoker closes itself for good on an interrupt). */
  boolean invokersRunning() {
    return driverInvoker.isRunning() && conductorInvoker.isRunning();
  }

  long dataThreadRounds() {
    return dataThreadRounds;
  }

  Aeron aeron() {
    return aeron;
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.log(System.Logger.Level.WARNING, "the Aeron data thread did not stop within 5 s; Aeron stays open");
      return;
    }
    duty.lock(); // a waiting thread's round that began before running turned false ends first
    duty.unlock();
    try {
      aeron.close();
    } finally {
      driver.close();
      ChannelDirs.deleteRecursively(dir);
    }
  }
}
