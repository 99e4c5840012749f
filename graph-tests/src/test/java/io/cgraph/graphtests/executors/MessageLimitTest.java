package io.cgraph.graphtests.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.graphtests.Strings;
import io.cgraph.runtime.ActorTaskException;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.MessageTooLargeException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code maxMessageBytes} holds for every message, both directions: also below the slot size, and
 * after a larger message grew the ring. A Latin-1 string of n characters is 4 + n bytes.
 */
class MessageLimitTest {
  @Test
  void aLimitBelowTheSlotSizeIsEnforcedBothWays() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (PlusOneGraph g = PlusOneGraph.compile(new Strings(),
          GraphOptions.defaults().withBufferBytes(4096).withMaxMessageBytes(100))) {
        MessageTooLargeException in = assertThrows(MessageTooLargeException.class, () -> g.execute("x".repeat(200)));
        assertTrue(in.getMessage().contains("exceeds maxMessageBytes (100)"), in.getMessage());
        assertEquals("y".repeat(95) + "+", g.execute("y".repeat(95)).get(), "100 bytes out: at the limit");
        ActorTaskException out = assertThrows(ActorTaskException.class, () -> g.execute("z".repeat(96)).get());
        assertInstanceOf(MessageTooLargeException.class, out.getCause());
        assertEquals("ok+", g.execute("ok").get(), "the graph stays usable");
      }
    });
  }

  @Test
  void aRingGrownByOneMessageDoesNotLetTheNextOnePastTheLimit() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (PlusOneGraph g = PlusOneGraph.compile(new Strings(), GraphOptions.defaults().withMaxMessageBytes(1000))) {
        // 994 bytes in, 995 out: both rings grow from 64-byte slots to slots of about 1 KiB
        assertEquals("a".repeat(990) + "+", g.execute("a".repeat(990)).get());
        assertThrows(MessageTooLargeException.class, () -> g.execute("b".repeat(1000)), "1004 bytes in");
        ActorTaskException out = assertThrows(ActorTaskException.class, () -> g.execute("c".repeat(996)).get(),
            "1000 bytes in, 1001 out");
        assertInstanceOf(MessageTooLargeException.class, out.getCause());
        assertEquals("d".repeat(995) + "+", g.execute("d".repeat(995)).get());
      }
    });
  }

  @Test
  void aFailureIsNeverRefusedForItsSize() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      // a failure with its stack trace is far larger than 64 bytes: it still reaches get
      try (PlusOneGraph g = PlusOneGraph.compile(new Strings(), GraphOptions.defaults().withMaxMessageBytes(64))) {
        ActorTaskException out = assertThrows(ActorTaskException.class, () -> g.execute("e".repeat(60)).get());
        assertInstanceOf(MessageTooLargeException.class, out.getCause());
        assertEquals("f+", g.execute("f").get());
      }
    });
  }
}
