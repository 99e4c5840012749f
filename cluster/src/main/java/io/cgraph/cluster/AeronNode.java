package io.cgraph.cluster;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.cgraph.runtime.internal.ChannelDirs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.agrona.concurrent.AgentInvoker;
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
  /** Rounds of the data thread so far: a removed bridge is out of use once this moves on twice. */
  private volatile long rounds;
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
    try {
      while (running) {
        int work;
        clientLock.lock();
        try {
          work = driverInvoker.invoke();
        } finally {
          clientLock.unlock();
        }
        work += conductorInvoker.invoke();
        for (Bridge b : bridges) {
          work += b.doWork();
        }
        rounds++;
        idle.idle(work);
      }
    } catch (RuntimeException | Error e) {
      LOG.log(System.Logger.Level.ERROR, "the Aeron data thread died; graphs across hosts on this JVM stop", e);
      for (Bridge b : bridges) {
        b.dataThreadDied(e);
      }
    }
  }

  /** Runs {@code bridge} on the data thread from its next round. */
  synchronized void add(Bridge bridge) {
    if (!running || !thread.isAlive()) {
      throw new io.cgraph.runtime.CGraphException("the Aeron data thread of this JVM is not running (closed, or it"
          + " died: see the log); graphs across hosts cannot start here");
    }
    Bridge[] now = Arrays.copyOf(bridges, bridges.length + 1);
    now[now.length - 1] = bridge;
    bridges = now;
  }

  /** Stops running {@code bridge}; returns once the data thread is certainly out of it (at most two seconds). */
  void remove(Bridge bridge) {
    synchronized (this) {
      bridges = Arrays.stream(bridges).filter(b -> b != bridge).toArray(Bridge[]::new);
    }
    if (Thread.currentThread() == thread) {
      return;
    }
    // Until the data thread has finished the round it may be in (or has ended): only then may the
    // caller close the bridge's channels, which that round may still touch.
    long seen = rounds;
    while (thread.isAlive() && rounds - seen < 2) {
      LockSupport.parkNanos(50_000);
    }
  }

  Aeron aeron() {
    return aeron;
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.log(System.Logger.Level.WARNING, "the Aeron data thread did not stop within 5 s; Aeron stays open");
      return;
    }
    try {
      aeron.close();
    } finally {
      driver.close();
      ChannelDirs.deleteRecursively(dir);
    }
  }
}
