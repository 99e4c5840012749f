package io.cgraph.benchmarks.baseline;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Named single-thread executors for the CompletableFuture baselines, and thread CPU accounting. */
public final class NamedThreads {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private NamedThreads() {}

  /** A single-thread executor whose daemon thread is called {@code name}. */
  public static ExecutorService singleThread(String name) {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Live threads whose name is exactly one of {@code names}; fails if one is missing. */
  public static List<Thread> named(String... names) {
    List<Thread> found = new ArrayList<>();
    for (String n : names) {
      Thread match = null;
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals(n)) {
          match = t;
        }
      }
      if (match == null) {
        throw new IllegalStateException("no live thread named " + n);
      }
      found.add(match);
    }
    return found;
  }

  /** Total CPU time, in nanoseconds, of {@code threads} so far. */
  public static long cpuNanos(List<Thread> threads) {
    long sum = 0;
    for (Thread t : threads) {
      long c = MX.getThreadCpuTime(t.getId());
      if (c > 0) {
        sum += c;
      }
    }
    return sum;
  }
}
