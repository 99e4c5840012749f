package io.cgraph.graphtests.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.GraphOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A result too deeply nested for the reading thread's stack fails its execution only; the graph moves on. */
class DeepValueTest {
  /** Runs {@code body} on a thread with a 256 KiB stack, so that a deep value overflows it; rethrows what failed. */
  private static void onSmallStack(String name, org.junit.jupiter.api.function.Executable body) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t = new Thread(null, () -> {
      try {
        assertTimeoutPreemptively(Duration.ofSeconds(60), body);
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, name, 256 * 1024);
    t.start();
    done.get();
  }

  @Test
  void aTooDeepResultFailsThatExecutionAndLaterOnesArrive() throws Exception {
    onSmallStack("deep-reader", () -> {
      try (ChainGraph g = ChainGraph.compile(new Chains(), GraphOptions.defaults())) {
        assertEquals(Link.chain(3), g.execute(3).get());
        ChainGraph.Ref deep = g.execute(100_000);
        ChainGraph.Ref after = g.execute(5);
        ActorTaskException e = assertThrows(ActorTaskException.class, deep::get);
        assertTrue(e.getCause().getMessage().contains("nested too deeply to decode"), e.getCause().getMessage());
        assertEquals("driver", e.actor());
        assertEquals(Link.chain(5), after.get(), "the pump moved on: later results are not stuck");
        assertEquals(Link.chain(2), g.execute(2).get());
      }
    });
  }

  @Test
  void aTooDeepInputFailsItsExecuteWithoutSubmittingAnything() throws Exception {
    onSmallStack("deep-caller", () -> {
      try (ChainLengthGraph g = ChainLengthGraph.compile(new Chains(), GraphOptions.defaults())) {
        assertEquals(3, g.execute(Link.chain(3)).get());
        Link deep = Link.chain(100_000);
        io.cgraph.runtime.CGraphException e = assertThrows(io.cgraph.runtime.CGraphException.class,
            () -> g.execute(deep));
        assertTrue(e.getMessage().contains("nested too deeply to encode"), e.getMessage());
        assertInstanceOf(StackOverflowError.class, e.getCause());
        assertEquals(5, g.execute(Link.chain(5)).get(), "nothing was submitted; the graph stays usable");
        assertEquals(2, g.stats().executions());
      }
    });
  }
}
