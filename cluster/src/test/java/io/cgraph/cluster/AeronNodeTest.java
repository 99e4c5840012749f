package io.cgraph.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
