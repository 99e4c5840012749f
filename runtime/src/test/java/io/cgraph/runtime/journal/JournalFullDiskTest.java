package io.cgraph.runtime.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.GraphStats;
import io.cgraph.runtime.ThreadsAndFiles;
import io.cgraph.runtime.sample.Parser;
import io.cgraph.runtime.sample.PipelineGraph;
import io.cgraph.runtime.sample.Scorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal on a full disk loses records, and counts every one of them: appended + lost = records written. */
class JournalFullDiskTest {
  @TempDir Path channels;
  @TempDir Path base;

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  @Test
  void everyRecordIsAppendedOrCountedLost() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      Path disk = Files.createDirectory(base.resolve("full"));
      Assumptions.assumeTrue("root".equals(System.getProperty("user.name"))
          && run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString()) == 0,
          "needs root and mount to make a small tmpfs");
      try {
        int n = 400;
        String line = "id;1.5;BUY;" + "t".repeat(8_000); // ~8 KB of inputs and of result per execution
        GraphStats.JournalStats js;
        try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(),
            GraphOptions.defaults().withChannelDir(channels).withJournal(disk.resolve("journal")))) {
          for (int i = 0; i < n; i++) {
            g.execute(line, 1).get();
          }
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while ((js = g.stats().journal()).pending() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
          }
        }
        // 2 MiB cannot hold 400 x 16 KB: records were lost, and each one is counted.
        assertTrue(js.lost() > 0, "the disk filled up: " + js);
        assertEquals(1 + 2L * n, js.appended() + js.lost(), "the header and every input and result: " + js);
      } finally {
        run("umount", "-l", disk.toString());
      }
      ThreadsAndFiles.assertNoCgraphThreads();
    });
  }
}
