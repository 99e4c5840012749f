package io.cgraph.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.GraphOptions;
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

/**
 * A channel directory on a full file system (a 2 MiB tmpfs): a ring that cannot grow fails with an
 * error that says the directory is full — never a SIGBUS turned into {@code InternalError}. When the
 * driver's input ring cannot grow, that execute fails; when an actor's output ring cannot, that
 * execution fails with an {@code ActorTaskException} that says so; in both cases the graph goes on.
 */
class FullChannelDirTest {
  @TempDir Path base;

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  private static String line(int tagBytes) {
    return "id;1.5;BUY;" + "t".repeat(tagBytes);
  }

  /** Runs {@code body} with a graph whose channels live on a fresh 2 MiB tmpfs. */
  private void onFullDisk(ThrowingConsumer body) throws Exception {
    Path disk = Files.createDirectory(base.resolve("small"));
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name"))
        && run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString()) == 0,
        "needs root and mount to make a small tmpfs");
    try {
      try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(),
          GraphOptions.defaults().withChannelDir(disk))) {
        body.accept(g);
      }
      try (var left = Files.list(disk)) {
        assertEquals(0, left.count(), "the graph's files are gone after close");
      }
    } finally {
      run("umount", "-l", disk.toString());
    }
    ThreadsAndFiles.assertNoCgraphThreads();
  }

  interface ThrowingConsumer {
    void accept(PipelineGraph g) throws Exception;
  }

  @Test
  void anInputTooLargeForTheFreeSpaceFailsItsExecuteAndTheGraphGoesOn() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> onFullDisk(g -> {
      assertEquals(1, g.execute(line(10), 1).get().order().tags().size());
      // A 1 MB input grows the 4-slot input ring to 4 MB: more than the 2 MiB disk holds.
      CGraphException e = assertThrows(CGraphException.class, () -> g.execute(line(1_000_000), 1));
      assertTrue(e.getMessage().contains("is full") && e.getMessage().contains("GraphOptions.withChannelDir"),
          e.getMessage());
      for (int i = 0; i < 20; i++) { // nothing was submitted: later executions run as before
        assertEquals("t".repeat(i + 1), g.execute(line(i + 1), 1).get().order().tags().get(0));
      }
      assertEquals(21, g.stats().executions());
    }));
  }

  @Test
  void anActorWhoseOutputCannotGrowFailsThatExecutionSayingWhy() {
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> onFullDisk(g -> {
      assertEquals(1, g.execute(line(10), 1).get().order().tags().size());
      // 300 KB: the input ring grows to 1.2 MB and fits; the parser's output ring would need 1.2 MB more.
      PipelineGraph.Ref ref = g.execute(line(300_000), 1);
      ActorTaskException e = assertThrows(ActorTaskException.class, ref::get);
      assertTrue(e.getMessage().contains("parser.parse threw io.cgraph.runtime.CGraphException")
          && e.getMessage().contains("is full: channel c1-parser.parse needs"), e.getMessage());
      for (int i = 0; i < 20; i++) {
        assertEquals("t".repeat(i + 1), g.execute(line(i + 1), 1).get().order().tags().get(0));
      }
    }));
  }
}
