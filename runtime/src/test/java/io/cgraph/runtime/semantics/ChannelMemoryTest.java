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
    });
  }
}
