package io.cgraph.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.channel.WaitAssist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This JVM's Aeron directory: its own, swept when its process is gone, deleted at close. */
class AeronNodeTest {
  @TempDir Path parent;

  @Test
  void aDeadProcessesDirectoryIsSweptAndOurOwnIsDeletedAtClose() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
    Path stale = Files.createDirectories(parent.resolve("cgraph-aeron-" + gone.pid() + "-abc123"));
    Files.writeString(stale.resolve("cnc.dat"), "left by kill -9");
    Path alive = Files.createDirectories(parent.resolve("cgraph-aeron-" + ProcessHandle.current().parent()
        .orElseThrow().pid() + "-def456"));
    Path other = Files.createDirectories(parent.resolve("not-ours"));
    try (AeronNode node = AeronNode.start(parent, new YieldingIdleStrategy())) {
      assertFalse(Files.exists(stale), "a dead process's directory is swept");
      assertTrue(Files.exists(alive), "a live process's directory is left alone");
      assertTrue(Files.exists(other));
      assertTrue(Files.isDirectory(node.dir));
      assertTrue(node.dir.getFileName().toString().startsWith("cgraph-aeron-" + ProcessHandle.current().pid() + "-"));
      // Aeron writes its files with the default umask: the owner-only directory around them keeps others out.
      assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(node.dir)));
      assertTrue(Files.exists(node.dir.resolve("driver").resolve("cnc.dat")), "Aeron's files are inside it");
    }
    try (Stream<Path> s = Files.list(parent)) {
      assertEquals(List.of(alive.getFileName().toString(), "not-ours"),
          s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
    }
  }

  @Test
  void whileAThreadAssistsTheDataThreadStandsAsideAndItTakesOverWhenTheThreadLeaves() throws Exception {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (AeronNode node = AeronNode.start(parent, new YieldingIdleStrategy())) {
        awaitDataThreadRounds(node);
        WaitAssist assist = node.waitAssist();
        assist.enter();
        Thread.sleep(50); // the data thread finishes the round it may be in and stands aside
        long before = node.dataThreadRounds();
        for (int i = 0; i < 1000; i++) {
          assertTrue(assist.assist() >= 0); // this thread runs the rounds now
        }
        Thread.sleep(100);
        assertEquals(before, node.dataThreadRounds(), "the data thread ran rounds while a thread assisted");
        assist.leave(true);
        awaitDataThreadRounds(node);
        // A second assisting thread keeps it aside until both have left.
        assist.enter();
        assist.enter();
        assist.leave(false);
        Thread.sleep(50);
        long during = node.dataThreadRounds();
        Thread.sleep(100);
        assertEquals(during, node.dataThreadRounds());
        assist.leave(false); // not parking: it takes over at its next check, within 50 µs of waking
        awaitDataThreadRounds(node);
      }
    });
  }

  @Test
  void aClosedNodeRunsNoRounds() {
    AeronNode node = AeronNode.start(parent, new YieldingIdleStrategy());
    WaitAssist assist = node.waitAssist();
    node.close();
    assist.enter();
    assertEquals(0, assist.assist());
    assist.leave(true);
  }

  /** Waits until the data thread runs rounds again (it is not standing aside). */
  private static void awaitDataThreadRounds(AeronNode node) throws InterruptedException {
    long seen = node.dataThreadRounds();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (node.dataThreadRounds() - seen < 10) {
      assertTrue(System.nanoTime() < deadline, "the data thread runs no rounds");
      Thread.sleep(1);
    }
  }
}
