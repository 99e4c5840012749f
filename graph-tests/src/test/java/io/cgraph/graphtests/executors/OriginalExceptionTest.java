package io.cgraph.graphtests.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cgraph.graphtests.Accumulator;
import io.cgraph.runtime.ActorTaskException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** In one JVM the cause of ActorTaskException is the exception the actor threw, even after downstream actors forwarded it. */
class OriginalExceptionTest {
  @Test
  void theCauseIsTheThrownExceptionItselfThroughForwardingActors() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      Thrower t = new Thrower();
      try (ForwardedGraph g = ForwardedGraph.compile(t, new Accumulator(), new Accumulator())) {
        ActorTaskException e = assertThrows(ActorTaskException.class, () -> g.execute(-5).get());
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertSame(t.lastThrown, cause, "the very object the actor threw");
        assertEquals("negative: -5", e.originalMessage());
        assertEquals("t", e.actor());
        assertEquals("check", e.method());
        // later executions are fine, and a later failure carries its own exception
        assertEquals(SharedGraphs.forwarded(4, new Thrower(), new Accumulator(), new Accumulator()), g.execute(4).get());
        ActorTaskException again = assertThrows(ActorTaskException.class, () -> g.execute(-6).get());
        assertSame(t.lastThrown, again.getCause());
        assertEquals("negative: -6", again.getCause().getMessage());
      }
    });
  }
}
