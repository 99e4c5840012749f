package io.cgraph.graphtests.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

/** The threads cgraph starts for graphs, and the check that none is left once every graph closed. */
final class CgraphThreads {
  private CgraphThreads() {}

  /** Waits up to 10 s for every executor thread to end, then asserts none is left. */
  static void assertNoneLeft() {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!alive().isEmpty() && System.nanoTime() < deadline) {
      Thread.yield();
    }
    assertEquals(List.of(), alive(), "every executor thread ends when its last graph closes");
  }

  /** The live cgraph threads' names, sorted; the JVM-wide cleaners and shutdown hook excluded (they stay). */
  static List<String> alive() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith("cgraph-") && !n.equals("cgraph-cleaner") && !n.equals("cgraph-gpu-cleaner")
            && !n.equals("cgraph-shutdown"))
        .sorted().collect(Collectors.toList());
  }
}
