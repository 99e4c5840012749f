package io.cgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelDirsTest {
  @TempDir Path parent;

  @Test
  void channelDirectoryIsOwnerOnly() throws Exception {
    Path dir = ChannelDirs.create(parent, "SomeGraph");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    assertEquals(ProcessHandle.current().pid(), ChannelDirs.pidOf(dir.getFileName().toString()));
    assertTrue(ChannelDirs.deleteRecursively(dir));
    assertFalse(Files.exists(dir));
  }

  @Test
  void staleDirectoriesOfDeadProcessesAreSwept() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      Process gone = new ProcessBuilder("true").start();
      gone.waitFor();
      long deadPid = gone.pid();
      Path stale = Files.createDirectory(parent.resolve("cgraph-OldGraph-" + deadPid + "-123"));
      Files.writeString(stale.resolve("c0-input.0"), "left behind");
      Path live = Files.createDirectory(parent.resolve("cgraph-LiveGraph-" + ProcessHandle.current().pid() + "-456"));
      Path unrelated = Files.createDirectory(parent.resolve("cgraph-notours"));
      assertEquals(1, ChannelDirs.sweepStale(parent));
      assertFalse(Files.exists(stale));
      assertTrue(Files.exists(live));
      assertTrue(Files.exists(unrelated));
    });
  }
}
