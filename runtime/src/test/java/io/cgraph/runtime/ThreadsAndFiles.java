package io.cgraph.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test checks: no cgraph thread left running, no channel file left behind. */
public final class ThreadsAndFiles {
  private ThreadsAndFiles() {}

  /** Live threads whose name starts with {@code cgraph-} (the shared cleaner and shutdown threads excluded). */
  public static List<String> cgraphThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("cgraph-") && !n.equals("cgraph-cleaner") && !n.equals("cgraph-shutdown"))
        .sorted()
        .collect(Collectors.toList());
  }

  /** Waits up to 5 s for cgraph threads to end, then fails listing those still alive. */
  public static void assertNoCgraphThreads() {
    long deadline = System.nanoTime() + 5_000_000_000L;
    List<String> left = cgraphThreads();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      Thread.yield();
      left = cgraphThreads();
    }
    if (!left.isEmpty()) {
      fail("cgraph threads still alive: " + left);
    }
  }

  /** Asserts that {@code dir} exists and is empty. */
  public static void assertEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(), s.map(Path::toString).collect(Collectors.toList()), "left in " + dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
