package io.cgraph.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** An ActorTaskException always has the actor's exception as its cause: its getters read it. */
class ActorTaskExceptionTest {
  @Test
  void itsOriginalIsTheCause() {
    ActorTaskException e = new ActorTaskException("G execution #3: tok.encode threw", "tok", "encode", 3,
        new IllegalArgumentException("bad text"));
    assertEquals("java.lang.IllegalArgumentException", e.originalClassName());
    assertEquals("bad text", e.originalMessage());
    assertEquals(3, e.execution());
    NullPointerException npe = assertThrows(NullPointerException.class,
        () -> new ActorTaskException("m", "tok", "encode", 3, null));
    assertEquals("cause", npe.getMessage());
  }
}
