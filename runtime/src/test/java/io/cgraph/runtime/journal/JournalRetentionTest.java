package io.cgraph.runtime.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.JournalOptions;
import io.cgraph.runtime.ThreadsAndFiles;
import io.cgraph.runtime.sample.Parser;
import io.cgraph.runtime.sample.PipelineGraph;
import io.cgraph.runtime.sample.Scorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rolling and retention: one file per second, two kept; what is kept reads back with its graph's name. */
class JournalRetentionTest {
  @TempDir Path channels;
  @TempDir Path journal;

  @AfterEach
  void nothingLeft() {
    ThreadsAndFiles.assertNoCgraphThreads();
    ThreadsAndFiles.assertEmpty(channels);
  }

  @Test
  void rollsAndKeepsTheNewestCycles() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      long executions = 0;
      try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(), GraphOptions.defaults()
          .withChannelDir(channels)
          .withJournal(JournalOptions.at(journal).withRollCycle(TestRollCycles.TEST_SECONDLY).withRetainedCycles(2)))) {
        // executions over at least four one-second cycles: the journal rolls at least three times
        long end = System.currentTimeMillis() / 1000 * 1000 + 4000;
        while (System.currentTimeMillis() < end) {
          try {
            g.execute(JournalTest.line((int) executions), 1).get();
          } catch (ActorTaskException expected) {
            // failures are journaled too
          }
          executions++;
          LockSupport.parkNanos(1_000_000); // about a thousand executions per cycle
        }
      }
      List<Path> files;
      try (Stream<Path> s = Files.list(journal)) {
        files = s.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().collect(Collectors.toList());
      }
      assertEquals(2, files.size(), files.toString());
      List<JournalEntry> entries;
      try (JournalReader reader = JournalReader.open(journal)) {
        entries = new ArrayList<>();
        for (JournalEntry e; (e = reader.poll()) != null; ) {
          entries.add(e);
        }
      }
      assertTrue(!entries.isEmpty() && entries.size() < executions, entries.size() + " of " + executions);
      assertTrue(entries.stream().allMatch(e -> e.graph().equals("PipelineGraph")));
    });
  }
}
