package io.cgraph.runtime.workers;

import static org.junit.jupiter.api.Assertions.fail;

import io.cgraph.runtime.Workers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test helpers for real processes: every pid seen, and checks that each is gone. */
final class Processes {
  private final Set<Long> seen = ConcurrentHashMap.newKeySet();

  /** Records the pids of the started workers of {@code workers}. */
  void track(Workers workers) {
    for (int i = 0; i < workers.size(); i++) {
      workers.process(i).ifPresent(p -> seen.add(p.pid()));
    }
  }

  long track(ProcessHandle p) {
    seen.add(p.pid());
    return p.pid();
  }

  long track(Process p) {
    return track(p.toHandle());
  }

  /** Kills every tracked process still alive, then fails if any was still alive (an orphan). */
  void killAllAndCheck() {
    List<Long> alive = seen.stream().filter(Processes::alive).sorted().collect(Collectors.toList());
    for (long pid : alive) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    for (long pid : seen) {
      awaitGone(pid, 5_000);
    }
    seen.clear();
    if (!alive.isEmpty()) {
      fail("processes left running after the test: " + alive);
    }
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Waits up to {@code millis} for {@code pid} to be gone; true if it is. */
  static boolean awaitGone(long pid, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (alive(pid)) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Sends {@code signal} (e.g. STOP) with kill(1). */
  static void signal(long pid, String signal) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail("kill -" + signal + " " + pid + " failed");
    }
    if (signal.equals("STOP")) {
      // kill returns once the signal is queued; the target may still run briefly. Wait until it is stopped.
      Path stat = Path.of("/proc", Long.toString(pid), "stat");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!stoppedState(Files.readString(stat))) {
        if (System.nanoTime() - deadline > 0) {
          fail("process " + pid + " did not stop after SIGSTOP");
        }
        Thread.onSpinWait();
      }
    }
  }

  /** Whether a /proc/<pid>/stat line says the process is stopped (state T). */
  private static boolean stoppedState(String stat) {
    int afterName = stat.lastIndexOf(')');
    return afterName > 0 && stat.length() > afterName + 2 && stat.charAt(afterName + 2) == 'T';
  }

  /** The channel directories of graph {@code graph} under {@code parent}. */
  static List<Path> graphDirs(Path parent, String graph) throws IOException {
    try (Stream<Path> s = Files.list(parent)) {
      return s.filter(p -> p.getFileName().toString().startsWith("cgraph-" + graph + "-")).collect(Collectors.toList());
    }
  }
}
