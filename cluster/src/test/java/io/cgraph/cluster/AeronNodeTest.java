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
        assistFor(assist, 50); // the data thread finishes the round it may be in and stands aside
        long before = node.dataThreadRounds();
        assistFor(assist, 200); // this thread runs the rounds now
        // Standing aside it runs none, or a few when this thread is descheduled for a millisecond; running,
        // it makes tens of thousands in 200 ms.
        assertTrue(node.dataThreadRounds() - before < 1000, "the data thread ran "
            + (node.dataThreadRounds() - before) + " rounds while a thread assisted");
        // An assisting thread that stops running rounds (busy elsewhere) does not stall the data path.
        awaitDataThreadRounds(node);
        assist.leave(true);
        awaitDataThreadRounds(node);
      }
    });
  }

  /** Runs assisted rounds for {@code millis}. */
  private static void assistFor(WaitAssist assist, long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      assertTrue(assist.assist() >= 0);
      Thread.yield();
    }
  }

  @Test
  void anInterruptedWaitingThreadRunsNoRoundAndTheMediaDriverKeepsRunning() throws Exception {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (AeronNode node = AeronNode.start(parent, new YieldingIdleStrategy())) {
        WaitAssist assist = node.waitAssist();
        assist.enter();
        assertTrue(assist.assist() >= 0);
        Thread.currentThread().interrupt(); // a user interrupts a thread waiting in get
        for (int i = 0; i < 100; i++) {
          assertEquals(0, assist.assist());
        }
        assertTrue(Thread.interrupted(), "the interrupt stays for the wait to see");
        assist.leave(false);
        // Agrona's invoker would have closed itself for good had the round run on the interrupted thread.
        assertTrue(node.invokersRunning());
        awaitDataThreadRounds(node);
        assertTrue(node.invokersRunning());
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
