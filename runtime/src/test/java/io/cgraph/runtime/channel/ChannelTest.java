package io.cgraph.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.Failure;
import io.cgraph.runtime.GraphBrokenException;
import io.cgraph.runtime.GraphClosedException;
import io.cgraph.runtime.WaitStrategy;
import io.cgraph.runtime.internal.ChannelReader;
import io.cgraph.runtime.internal.ChannelWriter;
import io.cgraph.runtime.internal.SlotReader;
import io.cgraph.runtime.internal.SlotWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import net.openhft.chronicle.core.io.AbstractReferenceCounted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Channels on real mapped files with real threads; every test is time-bounded and leaves no file behind. */
class ChannelTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final List<Channel> channels = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

  @AfterEach
  void tearDown() throws Exception {
    // Closing first also ends any thread a failed test left waiting (its wait throws GraphClosedException).
    for (Channel c : channels) {
      c.close();
    }
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(10));
      assertFalse(t.isAlive(), "thread " + t.getName() + " did not finish");
    }
    assertDirEmpty();
  }

  private Channel channel(String name, int ringSize, int slotBytes, int readers, WaitStrategy wait, Liveness liveness) {
    Channel c = Channel.create(dir, name, ringSize, slotBytes, readers, wait, liveness);
    channels.add(c);
    return c;
  }

  private Thread start(String name, ThrowingRunnable body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        failures.add(e);
      }
    }, "test-" + name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
    return t;
  }

  /** Joins every started thread and rethrows the first failure any of them had. */
  private void joinAll() throws Throwable {
    for (Thread t : threads) {
      t.join();
    }
    Throwable first = failures.peek();
    if (first != null) {
      throw first;
    }
  }

  private void assertDirEmpty() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.map(Path::getFileName).map(Path::toString).toList(), "files left after close");
    }
  }

  interface ThrowingRunnable {
    void run() throws Throwable;
  }

  @ParameterizedTest
  @ValueSource(strings = {"balanced", "yielding", "busySpin"})
  void wrapsAroundManyTimesWithExactSequences(String strategy) {
    WaitStrategy wait = switch (strategy) {
      case "balanced" -> WaitStrategy.balanced();
      case "yielding" -> WaitStrategy.yielding();
      default -> WaitStrategy.busySpin();
    };
    // Busy-spinning threads hand off only when the scheduler lets them: with more runnable threads
    // than these 2 cores, each hand-off can take a time slice, so that case wraps fewer times.
    int messages = wait == WaitStrategy.busySpin() ? 2_000 : 100_000;
    Channel c = channel("wrap", 4, 16, 1, wait, Liveness.ALWAYS);
    assertTimeoutPreemptively(LIMIT, () -> {
      start("writer", () -> {
        ChannelWriter w = c.writer();
        for (long s = 0; s < messages; s++) {
          SlotWriter slot = w.claim(s);
          slot.writeLong(s);
          slot.writeInt((int) (s * 31));
          w.publish(s);
        }
      });
      ChannelReader r = c.reader(0);
      for (long s = 0; s < messages; s++) {
        SlotReader slot = r.await(s);
        assertEquals(s, slot.readLong());
        assertEquals((int) (s * 31), slot.readInt());
        r.release(s);
      }
      joinAll();
    });
    assertEquals(1, c.generationCount(), "small messages never grow the ring");
  }

  @Test
  void fansOutEveryMessageToEveryReaderExactlyOnceInOrder() {
    int messages = 50_000;
    int readers = 3;
    Channel c = channel("fanout", 8, 64, readers, WaitStrategy.balanced(), Liveness.ALWAYS);
    long[] seen = new long[readers];
    assertTimeoutPreemptively(LIMIT, () -> {
      for (int i = 0; i < readers; i++) {
        int index = i;
        start("reader-" + i, () -> {
          ChannelReader r = c.reader(index);
          for (long s = 0; s < messages; s++) {
            SlotReader slot = r.await(s);
            assertEquals(s, slot.readLong(), "reader " + index);
            assertEquals("m" + s, slot.readString());
            r.release(s);
            seen[index]++;
          }
          assertNull(r.poll(messages), "nothing after the last message");
        });
      }
      ChannelWriter w = c.writer();
      for (long s = 0; s < messages; s++) {
        SlotWriter slot = w.claim(s);
        slot.writeLong(s);
        slot.writeString("m" + s);
        w.publish(s);
      }
      joinAll();
    });
    assertArrayEquals(new long[] {messages, messages, messages}, seen);
  }

  @Test
  void slowReaderHoldsBackTheWriter() {
    int ringSize = 4;
    int messages = 300;
    Channel c = channel("slow", ringSize, 16, 2, WaitStrategy.balanced(), Liveness.ALWAYS);
    AtomicLong slowReleased = new AtomicLong(-1);
    AtomicLong maxLead = new AtomicLong(Long.MIN_VALUE);
    assertTimeoutPreemptively(LIMIT, () -> {
      start("fast", () -> {
        ChannelReader r = c.reader(0);
        for (long s = 0; s < messages; s++) {
          assertEquals(s, r.await(s).readLong());
          r.release(s);
        }
      });
      start("slow", () -> {
        ChannelReader r = c.reader(1);
        for (long s = 0; s < messages; s++) {
          assertEquals(s, r.await(s).readLong());
          LockSupport.parkNanos(200_000); // a slow consumer
          slowReleased.set(s); // before release: once the writer may reuse the slot, this is already visible
          r.release(s);
        }
      });
      ChannelWriter w = c.writer();
      for (long s = 0; s < messages; s++) {
        w.claim(s).writeLong(s);
        long lead = s - slowReleased.get();
        maxLead.accumulateAndGet(lead, Math::max);
        w.publish(s);
      }
      joinAll();
    });
    assertEquals(ringSize, maxLead.get(),
        "the writer may run exactly ringSize sequences ahead of the slowest reader's last release, never more");
  }

  @Test
  void largeMessagesGrowTheRingWithoutLossOrMisread() {
    int messages = 3000;
    int readers = 3;
    Channel c = channel("grow", 4, 64, readers, WaitStrategy.balanced(), Liveness.ALWAYS);
    assertTimeoutPreemptively(LIMIT, () -> {
      for (int i = 0; i < readers; i++) {
        int index = i;
        start("reader-" + i, () -> {
          ChannelReader r = c.reader(index);
          for (long s = 0; s < messages; s++) {
            SlotReader slot = r.await(s);
            if (isFailure(s)) {
              assertTrue(slot.isFailure(), "failure at " + s);
              Failure f = slot.failure();
              assertEquals("m" + s, f.method());
              assertEquals(failureMessage(s), f.message());
            } else {
              assertFalse(slot.isFailure(), "value at " + s);
              assertEquals(s, slot.readLong());
              assertArrayEquals(payload(s), slot.readBytes(), "payload of " + s + " for reader " + index);
              assertEquals("end" + s, slot.readString());
            }
            r.release(s);
          }
        });
      }
      ChannelWriter w = c.writer();
      for (long s = 0; s < messages; s++) {
        SlotWriter slot = w.claim(s);
        if (isFailure(s)) {
          slot.writeBytes(payload(s)); // the encoding that "failed" may already have spilled
          w.publishFailure(s, new Failure("a", "m" + s, "x.Boom", failureMessage(s), new StackTraceElement[0]));
        } else {
          slot.writeLong(s);
          slot.writeBytes(payload(s));
          slot.writeString("end" + s);
          w.publish(s);
        }
      }
      joinAll();
    });
    assertTrue(c.generationCount() >= 4, "several growths expected, got " + c.generationCount() + " generations");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(c.generationCount(), files.count(), "one file per generation until close");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean isFailure(long s) {
    return s % 97 == 13;
  }

  private static String failureMessage(long s) {
    return s % 2 == 0 ? "small " + s : "big ".repeat(20_000) + s;
  }

  /** Mostly small messages, with sizes that step up now and then (and drop back down). */
  private static byte[] payload(long s) {
    SplittableRandom rnd = new SplittableRandom(s);
    int size = s % 500 == 499 ? (int) (s * 40) : rnd.nextInt(0, 200);
    byte[] b = new byte[size];
    rnd.nextBytes(b);
    return b;
  }

  @Test
  void claimThenPublishFailureAndPublishFailureWithoutClaim() {
    Channel c = channel("failures", 2, 64, 1, WaitStrategy.balanced(), Liveness.ALWAYS);
    assertTimeoutPreemptively(LIMIT, () -> {
      ChannelWriter w = c.writer();
      ChannelReader r = c.reader(0);
      w.claim(0).writeString("partial");
      w.publishFailure(0, Failure.of("actor", "method", new IllegalStateException("encode failed")));
      w.publishFailure(1, Failure.of("actor", "other", new ArithmeticException()));
      SlotReader slot = r.await(0);
      assertTrue(slot.isFailure());
      assertEquals("encode failed", slot.failure().message());
      r.release(0);
      slot = r.await(1);
      assertEquals("other", slot.failure().method());
      assertEquals(ArithmeticException.class.getName(), slot.failure().className());
      r.release(1);
      // publishFailure without claim also waits for a free slot: here slot 0 is free again.
      w.claim(2).writeInt(2);
      w.publish(2);
      w.publishFailure(3, Failure.of("a", "m", new RuntimeException("x")));
      assertEquals(2, r.await(2).readInt());
      r.release(2);
      assertTrue(r.await(3).isFailure());
      r.release(3);
    });
  }

  @Test
  void sequencesMustBeClaimedAndPublishedInOrder() {
    Channel c = channel("order", 2, 64, 1, WaitStrategy.balanced(), Liveness.ALWAYS);
    ChannelWriter w = c.writer();
    assertThrows(IllegalStateException.class, () -> w.claim(1));
    assertThrows(IllegalStateException.class, () -> w.publish(0));
    w.claim(0).writeInt(1);
    SlotWriter again = w.claim(0); // claiming the same sequence again starts the message over
    again.writeInt(2);
    w.publish(0);
    assertEquals(2, c.reader(0).poll(0).readInt());
    c.reader(0).release(0);
    assertThrows(IllegalStateException.class, () -> w.publish(0));
    assertThrows(IllegalStateException.class, () -> again.writeInt(3), "writing after publish");
  }

  @Test
  void parkedReaderIsUnparkedByTheWriter() {
    Channel c = channel("park", 4, 64, 1, WaitStrategy.balanced(), Liveness.ALWAYS);
    // Without the writer's unpark the reader would sleep this long; the test bound is far shorter.
    c.readerParkCapNanos = TimeUnit.SECONDS.toNanos(120);
    AtomicLong wokenAt = new AtomicLong();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (long s = 0; s < 3; s++) {
        long seq = s;
        RingReader r = c.ringReader(0);
        // A different thread each time: the reader may move between threads.
        start("reader-" + s, () -> {
          assertEquals(seq * 10, r.await(seq).readLong());
          wokenAt.set(System.nanoTime());
          r.release(seq);
        });
        while (!r.isParked()) {
          Thread.yield();
        }
        long publishedAt = System.nanoTime();
        c.writer().claim(seq).writeLong(seq * 10);
        c.writer().publish(seq);
        joinAll();
        long wakeNanos = wokenAt.get() - publishedAt;
        assertTrue(wakeNanos < TimeUnit.SECONDS.toNanos(1), "woken after " + wakeNanos + " ns");
      }
    });
  }

  @Test
  void failingLivenessAbortsAParkedReaderAndABlockedWriter() {
    AtomicBoolean broken = new AtomicBoolean();
    Liveness liveness = () -> {
      if (broken.get()) {
        throw new GraphBrokenException("test: the graph is broken");
      }
    };
    Channel c = channel("liveness", 2, 64, 1, WaitStrategy.balanced(), liveness);
    c.readerParkCapNanos = TimeUnit.SECONDS.toNanos(120);
    AtomicLong readerThrew = new AtomicLong();
    AtomicLong writerThrew = new AtomicLong();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      RingReader r = c.ringReader(0);
      start("reader", () -> {
        assertThrows(GraphBrokenException.class, () -> r.await(0));
        readerThrew.incrementAndGet();
      });
      while (!r.isParked()) {
        Thread.yield();
      }
      // Fill the ring from another channel user so the writer blocks: the reader holds nothing yet,
      // so use a second channel whose reader never reads.
      Channel blocked = channel("liveness-writer", 1, 64, 1, WaitStrategy.balanced(), liveness);
      blocked.writer().claim(0).writeInt(0);
      blocked.writer().publish(0);
      Thread writer = start("writer", () -> {
        assertThrows(GraphBrokenException.class, () -> blocked.writer().claim(1));
        writerThrew.incrementAndGet();
      });
      while (writer.getState() != Thread.State.TIMED_WAITING && writer.isAlive()) {
        Thread.yield();
      }
      broken.set(true);
      c.wakeAll();
      joinAll();
      assertEquals(1, readerThrew.get());
      assertEquals(1, writerThrew.get());
    });
  }

  @Test
  void aPutBackSlotIsReadAgainAndStillHoldsBackTheWriter() {
    assertTimeoutPreemptively(LIMIT, () -> {
      Channel c = channel("putback", 1, 64, 1, WaitStrategy.balanced(), Liveness.ALWAYS);
      ChannelWriter w = c.writer();
      w.claim(0).writeLong(41);
      w.publish(0);
      ChannelReader r = c.reader(0);
      assertEquals(41, r.poll(0).readLong());
      r.putBack(0);
      assertEquals(41, r.poll(0).readLong(), "read again from the start");
      r.putBack(0);
      Thread writer = start("writer", () -> {
        w.claim(1).writeLong(42);
        w.publish(1);
      });
      assertNull(r.poll(1), "the ring of one slot is still held by sequence 0");
      assertEquals(41, r.await(0).readLong());
      r.release(0);
      assertEquals(42, r.await(1).readLong());
      r.release(1);
      writer.join();
      joinAll();
    });
  }

  @Test
  void timedAwaitReturnsNullAtTheDeadline() {
    Channel c = channel("timed", 2, 64, 1, WaitStrategy.balanced(), Liveness.ALWAYS);
    assertTimeoutPreemptively(LIMIT, () -> {
      ChannelReader r = c.reader(0);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
      assertNull(r.await(0, deadline));
      assertTrue(System.nanoTime() - deadline >= 0, "returned before the deadline");
      assertNull(r.await(0, System.nanoTime() - 1), "a passed deadline still polls once");
      c.writer().claim(0).writeInt(42);
      c.writer().publish(0);
      assertEquals(42, r.await(0, System.nanoTime() - 1).readInt(), "a published slot is returned even late");
      r.release(0);
    });
  }

  @Test
  void closeWakesWaitersAndLaterCallsFail() {
    Channel c = channel("close", 2, 64, 2, WaitStrategy.balanced(), Liveness.ALWAYS);
    c.readerParkCapNanos = TimeUnit.SECONDS.toNanos(120);
    assertTimeoutPreemptively(LIMIT, () -> {
      c.writer().claim(0).writeInt(7);
      c.writer().publish(0);
      RingReader r = c.ringReader(0);
      start("reader", () -> assertThrows(GraphClosedException.class, () -> r.await(1)));
      while (!r.isParked()) {
        Thread.yield();
      }
      SlotReader held = c.reader(1).poll(0); // held, not released: close does not wait for it
      assertEquals(7, held.readInt());
      long start = System.nanoTime();
      c.close();
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "close stalled");
      assertThrows(IllegalStateException.class, held::readInt, "a held slot is detached at close");
      c.reader(1).release(0); // a no-op after close
      joinAll();
      assertDirEmpty();
      c.close(); // idempotent
      assertTrue(c.isClosed());
      assertThrows(GraphClosedException.class, () -> c.writer().claim(0));
      assertThrows(GraphClosedException.class, () -> c.reader(1).poll(0));
      assertThrows(GraphClosedException.class, () -> c.writer().publishFailure(0, Failure.of("a", "m", new Error())));
    });
  }

  @Test
  void filesAreOwnerOnlyAndGoneAfterClose() throws IOException {
    Channel c = channel("perms", 2, 64, 1, WaitStrategy.balanced(), Liveness.ALWAYS);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("perms.0"))));
    c.writer().claim(0).writeBytes(new byte[10_000]); // outgrows the slot: generation 1
    c.writer().publish(0);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("perms.1"))));
    assertEquals(10_000, c.reader(0).poll(0).readBytes().length);
    c.reader(0).release(0);
    c.close();
    assertDirEmpty();
  }

  @Test
  void closeReleasesEveryChronicleReference() {
    AbstractReferenceCounted.enableReferenceTracing();
    try {
      Channel c = Channel.create(dir, "traced", 2, 64, 1, WaitStrategy.balanced(), Liveness.ALWAYS);
      c.writer().claim(0).writeBytes(new byte[5000]); // grows: two mapped files
      c.writer().publish(0);
      c.reader(0).release(0);
      c.close();
      AbstractReferenceCounted.assertReferencesReleased();
    } finally {
      AbstractReferenceCounted.disableReferenceTracing();
    }
  }

  @Test
  void aSecondChannelWithTheSameNameIsRefused() {
    channel("twice", 2, 64, 1, WaitStrategy.balanced(), Liveness.ALWAYS);
    Exception e = assertThrows(RuntimeException.class,
        () -> Channel.create(dir, "twice", 2, 64, 1, WaitStrategy.balanced(), Liveness.ALWAYS));
    assertTrue(e.getMessage().contains("twice.0"), e.getMessage());
  }

  @Test
  void readerAndWriterAreStableObjects() {
    Channel c = channel("objects", 3, 64, 2, WaitStrategy.balanced(), Liveness.ALWAYS);
    assertSame(c.writer(), c.writer());
    assertSame(c.reader(1), c.reader(1));
    assertEquals(1, c.reader(1).index());
    assertEquals(3, c.ringSize());
    assertEquals(2, c.readerCount());
    assertEquals("objects", c.name());
    assertThrows(IndexOutOfBoundsException.class, () -> c.reader(2));
    SlotWriter w = c.writer().claim(0);
    w.writeInt(1);
    c.writer().publish(0);
    assertSame(w, c.writer().claim(1), "one SlotWriter per channel writer");
    c.writer().publish(1);
  }
}
