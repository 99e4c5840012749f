package io.cgraph.graphtests.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.GraphOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ray's TestFastFail: when one call of an execution throws, get throws at once, without waiting
 * for the execution's other branches; their results are discarded when they arrive, and the
 * capacity they held is freed then.
 */
class FastFailTest {
  private static final Duration BOUND = Duration.ofSeconds(90);

  @Test
  void getThrowsTheFirstFailureBeforeTheSlowBranchFinishes() {
    assertTimeoutPreemptively(BOUND, () -> {
      Sleeper slow = new Sleeper();
      try (FastFailGraph g = FastFailGraph.compile(slow, new Thrower())) {
        FastFailGraph.Ref ref = g.execute(-3);
        slow.holding.await();
        // The slow branch holds for up to a minute; get's own timeout is 10 s: it must throw the
        // actor's error, not ChannelTimeoutException, and before the slow branch is released.
        ActorTaskException e = assertThrows(ActorTaskException.class, ref::get);
        assertEquals(1, slow.release.getCount(), "thrown while the slow branch still runs");
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals("fast", e.actor());
        slow.release.countDown();
        // The discarded results free their capacity: maxInflight (4) more executions and more all run.
        List<FastFailGraph.Ref> refs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          refs.add(g.execute(i));
          if (refs.size() == 4) {
            FastFailGraph.Ref r = refs.remove(0);
            assertEquals(new Both(r.execution() * 10 - 10, r.execution() - 1), r.get());
          }
        }
        for (FastFailGraph.Ref r : refs) {
          assertEquals(new Both(r.execution() * 10 - 10, r.execution() - 1), r.get());
        }
        assertEquals(0, g.stats().inFlight());
        assertEquals(1, g.stats().failures());
      }
    });
  }

  @Test
  void aFailureFailsFastThroughAFanIn() {
    assertTimeoutPreemptively(BOUND, () -> {
      Sleeper slow = new Sleeper();
      try (FastFailFanInGraph g = FastFailFanInGraph.compile(slow, new Thrower(), new Sleeper(),
          GraphOptions.defaults().withGetTimeout(Duration.ofSeconds(30)))) {
        FastFailFanInGraph.Ref ref = g.execute(-1);
        slow.holding.await();
        long start = System.nanoTime();
        ActorTaskException e = assertThrows(ActorTaskException.class, ref::get);
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "not after the get timeout");
        assertEquals(1, slow.release.getCount(), "thrown while the slow branch still runs");
        assertEquals("negative: -1", e.originalMessage());
        slow.release.countDown();
        assertEquals(SharedGraphs.fastFailFanIn(7, new Sleeper() {
          { release.countDown(); }
        }, new Thrower(), new Sleeper()), g.execute(7).get());
      }
    });
  }

  @Test
  void aFutureFailsFastBeforeTheSlowBranchFinishes() {
    assertTimeoutPreemptively(BOUND, () -> {
      Sleeper slow = new Sleeper();
      try (FastFailGraph g = FastFailGraph.compile(slow, new Thrower())) {
        // Only a dependent stage is waited on: the failing actor's fast fail completes the future.
        java.util.concurrent.CompletableFuture<String> failed = g.executeAsync(-3)
            .handle((v, t) -> t == null ? "value " + v : t.getClass().getSimpleName() + " from " + ((ActorTaskException) t).actor());
        assertEquals("ActorTaskException from fast", failed.get(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, slow.release.getCount(), "completed while the slow branch still runs");
        slow.release.countDown();
        assertEquals(new Both(50, 5), g.executeAsync(5).get(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, g.stats().failures());
      }
    });
  }
}
