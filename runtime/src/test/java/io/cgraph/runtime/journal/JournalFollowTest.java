package io.cgraph.runtime.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.ThreadsAndFiles;
import io.cgraph.runtime.sample.Parser;
import io.cgraph.runtime.sample.PipelineGraph;
import io.cgraph.runtime.sample.Scorer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code JournalInspector --follow} on a live journal: exactly the appended executions, then it stops (issue #8). */
class JournalFollowTest {
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final long LINE_WAIT_SECONDS = 10;

  @TempDir Path channels;
  @TempDir Path journal;

  @AfterEach
  void nothingLeft() {
    ThreadsAndFiles.assertNoCgraphThreads();
    ThreadsAndFiles.assertEmpty(channels);
  }

  /** Hands each printed line to a queue as soon as it ends. */
  private static final class Lines extends OutputStream {
    final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        queue.add(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }

    /** The next line, waiting at most LINE_WAIT_SECONDS; null if none came. */
    String next() throws InterruptedException {
      return queue.poll(LINE_WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private GraphOptions options() {
    return GraphOptions.defaults().withChannelDir(channels).withJournal(journal);
  }

  @Test
  void followPrintsExactlyWhatIsAppendedThenStopsWhenInterrupted() {
    assertTimeoutPreemptively(BOUND, () -> {
      Lines lines = new Lines();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CompletableFuture<Integer> code = new CompletableFuture<>();
      Thread follower = new Thread(() -> {
        try {
          code.complete(JournalInspector.run(new String[] {"--follow", journal.toString()},
              new PrintStream(lines, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        } catch (Throwable t) {
          code.completeExceptionally(t);
        }
      }, "journal-follow-test");
      follower.setDaemon(true);
      try {
        follow(follower, lines, err, code);
      } finally {
        follower.interrupt(); // also when an assertion failed: never leave it running
        follower.join(TimeUnit.SECONDS.toMillis(10));
      }
    });
  }

  private void follow(Thread follower, Lines lines, ByteArrayOutputStream err, CompletableFuture<Integer> code)
      throws Exception {
    try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(), options())) {
      g.execute("a;1.5;BUY;x,yy", 2).get();
      follower.start();
      // what the journal held when it started
      assertEquals("PipelineGraph[1] #0 ok inputs {\"line\":\"a;1.5;BUY;x,yy\",\"scale\":2} result"
          + " {\"order\":{\"id\":\"a\",\"amount\":3.0,\"side\":\"BUY\",\"tags\":[\"x\",\"yy\"]},\"score\":65}",
          lines.next());
      // appended while it follows: a failure. get throws as soon as the parser fails (fast fail); the
      // execution is journaled when the driver takes its results off the channels, at the latest when
      // it next reads: here reading #3 takes #1 and #2 too, in execution order.
      assertThrows(ActorTaskException.class, () -> g.execute("bad", 1).get());
      PipelineGraph.Ref second = g.execute("b;2;SELL;", 3);
      PipelineGraph.Ref third = g.execute("c;4;BUY;q", 1);
      third.get();
      assertEquals("PipelineGraph[1] #1 failed inputs {\"line\":\"bad\",\"scale\":1} failure parser.parse threw"
          + " java.lang.IllegalArgumentException: malformed line: bad", lines.next());
      assertEquals("PipelineGraph[1] #2 ok inputs {\"line\":\"b;2;SELL;\",\"scale\":3} result"
          + " {\"order\":{\"id\":\"b\",\"amount\":6.0,\"side\":\"SELL\",\"tags\":[]},\"score\":-93}", lines.next());
      assertEquals("PipelineGraph[1] #3 ok inputs {\"line\":\"c;4;BUY;q\",\"scale\":1} result"
          + " {\"order\":{\"id\":\"c\",\"amount\":4.0,\"side\":\"BUY\",\"tags\":[\"q\"]},\"score\":63}",
          lines.next());
      second.get();
    }
    // a second graph instance on the same journal is a new session
    try (PipelineGraph g = PipelineGraph.compile(new Parser(), new Scorer(), options())) {
      g.execute("a;1.5;BUY;x,yy", 2).get();
      assertEquals("PipelineGraph[2] #0 ok inputs {\"line\":\"a;1.5;BUY;x,yy\",\"scale\":2} result"
          + " {\"order\":{\"id\":\"a\",\"amount\":3.0,\"side\":\"BUY\",\"tags\":[\"x\",\"yy\"]},\"score\":65}",
          lines.next());
    }
    // stopped by an interrupt, within a bounded time, with exit code 0 and nothing more printed
    follower.interrupt();
    assertEquals(0, code.get(10, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
    follower.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(follower.isAlive(), "the follower stopped");
    assertNull(lines.queue.poll(), "no line after the last execution");
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }
}
