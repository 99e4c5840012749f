package io.cgraph.runtime.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.ThreadsAndFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import org.junit.jupiter.api.Test;

/** A closed graph gives its channel memory back: no mapping of its files is left in the process. */
class ChannelMemoryTest {
  /** Mappings of files under {@code dir} in this process, deleted ones included. */
  private static long mappingsUnder(Path dir) throws IOException {
    List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
    return maps.stream().filter(l -> l.contains(dir.toString())).count();
  }

  @Test
  void closingGraphsUnmapsTheirChannels() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      Path dir = Files.createTempDirectory("cgraph-maps");
      assertEquals(0, mappingsUnder(dir));
      for (int i = 0; i < 50; i++) {
        Echo echo = new Echo();
        try (EchoGraph g = EchoGraph.compile(echo, GraphOptions.defaults().withChannelDir(dir))) {
          assertEquals(2 * i, g.execute(i).get());
          assertTrue(mappingsUnder(dir) > 0, "the open graph maps its channel files");
        }
      }
      ThreadsAndFiles.assertNoCgraphThreads();
      assertEquals(0, mappingsUnder(dir), "every channel file of the 50 closed graphs is unmapped");
      Files.delete(dir); // fails unless the closed graphs deleted their files
    });
  }

  /**
   * Chronicle gives the last release of a mapped file to its background releaser thread; a graph's
   * close does not return before that release is done, even while that thread is busy elsewhere
   * (on a loaded machine it lagged, and a closed graph's files were still mapped).
   */
  @Test
  void aClosedGraphIsUnmappedWhenCloseReturnsWhileChroniclesReleaserIsBusy() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      Path dir = Files.createTempDirectory("cgraph-maps");
      CountDownLatch taken = new CountDownLatch(1);
      CountDownLatch go = new CountDownLatch(1);
      BackgroundResourceReleaser.run(() -> {
        taken.countDown();
        try {
          go.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      try {
        assertTrue(taken.await(30, TimeUnit.SECONDS), "Chronicle's releaser thread took the blocking task");
        try (EchoGraph g = EchoGraph.compile(new Echo(), GraphOptions.defaults().withChannelDir(dir))) {
          assertEquals(14, g.execute(7).get());
          assertTrue(mappingsUnder(dir) > 0, "the open graph maps its channel files");
        }
        assertEquals(0, mappingsUnder(dir), "the closed graph's channel files are unmapped when close returns");
      } finally {
        go.countDown();
      }
      ThreadsAndFiles.assertNoCgraphThreads();
      Files.delete(dir); // fails unless the closed graph deleted its files
    });
  }
}
