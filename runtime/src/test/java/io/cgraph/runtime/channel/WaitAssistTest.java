package io.cgraph.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.WaitStrategy;
import io.cgraph.runtime.internal.ChannelReader;
import io.cgraph.runtime.internal.ChannelWriter;
import io.cgraph.runtime.internal.SlotWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A channel's {@link WaitAssist}: threads that wait on it (a reader for a slot, the writer for
 * room) run it while they wait, enter and leave in pairs, and leave before they park.
 */
class WaitAssistTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final List<Channel> channels = new ArrayList<>();

  @AfterEach
  void closeChannels() {
    channels.forEach(Channel::close);
  }

  private Channel channel(String name, int ringSize, WaitStrategy wait, WaitAssist assist) {
    Channel c = Channel.create(dir, name, ringSize, 16, 1, wait, Liveness.ALWAYS);
    channels.add(c);
    c.assistWaits(assist);
    return c;
  }

  /** Counts what a wait does with it; each round runs {@code work}. */
  static final class Recorder implements WaitAssist {
    final AtomicInteger entered = new AtomicInteger();
    final AtomicInteger left = new AtomicInteger();
    final AtomicInteger leftToPark = new AtomicInteger();
    final AtomicInteger rounds = new AtomicInteger();
    volatile int roundsAtFirstPark = -1;
    volatile IntSupplier work = () -> 0;

    @Override
    public void enter() {
      entered.incrementAndGet();
      assertEquals(entered.get() - 1, left.get(), "enter while already entered");
    }

    @Override
    public int assist() {
      assertEquals(entered.get(), left.get() + 1, "assist outside enter/leave");
      rounds.incrementAndGet();
      return work.getAsInt();
    }

    @Override
    public void leave(boolean parking) {
      left.incrementAndGet();
      if (parking && leftToPark.getAndIncrement() == 0) {
        roundsAtFirstPark = rounds.get();
      }
    }
  }

  private static void publish(ChannelWriter w, long seq, long value) {
    SlotWriter s = w.claim(seq);
    s.writeLong(value);
    w.publish(seq);
  }

  @Test
  void aReaderRunsTheAssistUntilItsRoundPublishesTheSlot() {
    Recorder a = new Recorder();
    Channel c = channel("read", 4, WaitStrategy.balanced(), a);
    ChannelWriter w = c.writer();
    AtomicInteger calls = new AtomicInteger();
    // The transport: its fifth round delivers the message (as a mirror's round writes an arrival).
    a.work = () -> {
      if (calls.incrementAndGet() == 5) {
        publish(w, 0, 42);
        return 1;
      }
      return 0;
    };
    ChannelReader r = c.reader(0);
    assertTimeoutPreemptively(LIMIT, () -> assertEquals(42, r.await(0).readLong()));
    r.release(0);
    assertEquals(5, a.rounds.get(), "one round per idle round, none after the slot arrived");
    assertEquals(1, a.entered.get());
    assertEquals(1, a.left.get());
    assertEquals(0, a.leftToPark.get(), "the slot came before the strategy parked");
  }

  @Test
  void aSlotAlreadyPublishedNeedsNoAssist() {
    Recorder a = new Recorder();
    Channel c = channel("ready", 4, WaitStrategy.balanced(), a);
    publish(c.writer(), 0, 7);
    assertEquals(7, c.reader(0).await(0).readLong());
    assertEquals(0, a.entered.get());
    assertEquals(0, a.rounds.get());
  }

  @Test
  void aReaderThatParksLeavesFirstAndEntersAgainAfterwards() throws Exception {
    Recorder a = new Recorder();
    Channel c = channel("park", 4, WaitStrategy.balanced(), a);
    ChannelWriter w = c.writer();
    Thread writer = new Thread(() -> {
      // Publish only once the reader has left to park: its wake-up must come from this publish.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (a.leftToPark.get() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      publish(w, 0, 9);
    }, "test-writer");
    writer.setDaemon(true);
    writer.start();
    assertTimeoutPreemptively(LIMIT, () -> assertEquals(9, c.reader(0).await(0).readLong()));
    writer.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(writer.isAlive());
    assertTrue(a.leftToPark.get() >= 1, "left before parking: " + a.leftToPark.get());
    assertEquals(a.entered.get(), a.left.get(), "every enter has its leave");
    // balanced() spins 100 rounds, yields 100, then parks: an assisted wait skips the spins, and
    // runs one round of the transport in each yield round and in the round that parks (101; 201
    // if it spun).
    assertEquals(101, a.roundsAtFirstPark);
  }

  @Test
  void anAssistedWaitSkipsTheSpinPhaseUnlessItBusySpins() {
    assertEquals(0, Waiting.firstRound(WaitStrategy.busySpin(), new Recorder()));
    assertEquals(0, Waiting.firstRound(WaitStrategy.balanced(), null));
    assertEquals(100, Waiting.firstRound(WaitStrategy.balanced(), new Recorder()));
    assertEquals(100, Waiting.firstRound(WaitStrategy.yielding(), new Recorder()));
    assertEquals(3, Waiting.firstRound(WaitStrategy.of(3, 10, true), new Recorder()));
  }

  @Test
  void aWriterWaitingForRoomRunsTheAssistUntilItsRoundFreesASlot() {
    Recorder a = new Recorder();
    Channel c = channel("room", 2, WaitStrategy.balanced(), a);
    ChannelWriter w = c.writer();
    ChannelReader r = c.reader(0);
    publish(w, 0, 0);
    publish(w, 1, 1);
    AtomicInteger calls = new AtomicInteger();
    // The transport: its third round sends slot 0 on, as a forwarder's round does, which frees it.
    a.work = () -> {
      if (calls.incrementAndGet() == 3) {
        assertEquals(0, r.poll(0).readLong());
        r.release(0);
        return 1;
      }
      return 0;
    };
    assertTimeoutPreemptively(LIMIT, () -> publish(w, 2, 2));
    assertEquals(3, a.rounds.get());
    assertEquals(1, a.entered.get());
    assertEquals(1, a.left.get());
    assertEquals(1, r.await(1).readLong());
  }
}
