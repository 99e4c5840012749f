package io.cgraph.runtime.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.ThreadsAndFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GraphOptions.withThreadFactory}: the actor threads come from the user's factory. */
class ThreadFactoryTest {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path channels;

  @AfterEach
  void nothingLeft() {
    ThreadsAndFiles.assertNoCgraphThreads();
    ThreadsAndFiles.assertEmpty(channels);
  }

  @Test
  void actorThreadsComeFromTheFactoryNamedAndDaemon() {
    assertTimeoutPreemptively(BOUND, () -> {
      List<Thread> made = new CopyOnWriteArrayList<>();
      ThreadFactory factory = task -> {
        Thread t = new Thread(null, task, "user-name", 64L << 20);
        t.setPriority(Thread.MIN_PRIORITY + 2);
        made.add(t);
        return t;
      };
      Echo echo = new Echo();
      try (EchoGraph g = EchoGraph.compile(echo, GraphOptions.defaults().withChannelDir(channels)
          .withThreadFactory(factory))) {
        assertEquals(84, g.execute(42).get());
        assertEquals(1, made.size(), "one executor thread for the one actor");
        Thread t = made.get(0);
        assertEquals("cgraph-EchoGraph-echo", t.getName());
        assertTrue(t.isDaemon() && t.isAlive());
        assertEquals(Thread.MIN_PRIORITY + 2, t.getPriority());
      }
      made.get(0).join(10_000);
      assertTrue(!made.get(0).isAlive(), "the factory's thread ends with the graph");
    });
  }

  @Test
  void aFactoryThatReturnsNullFailsCompileAndLeavesNothing() {
    assertTimeoutPreemptively(BOUND, () -> {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> EchoGraph.compile(new Echo(),
          GraphOptions.defaults().withChannelDir(channels).withThreadFactory(task -> null)));
      assertEquals("the ThreadFactory of GraphOptions.withThreadFactory returned null for cgraph-EchoGraph-echo",
          e.getMessage());
    });
  }
}
