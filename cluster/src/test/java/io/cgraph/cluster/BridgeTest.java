package io.cgraph.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aeron.ExclusivePublication;
import io.cgraph.runtime.Failure;
import io.cgraph.runtime.WaitStrategy;
import io.cgraph.runtime.channel.Channel;
import io.cgraph.runtime.internal.ChannelDirs;
import io.cgraph.runtime.internal.ChannelReader;
import io.cgraph.runtime.internal.ChannelWriter;
import io.cgraph.runtime.internal.GraphSpec;
import io.cgraph.runtime.internal.SlotReader;
import io.cgraph.runtime.internal.SlotWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bridges in one JVM, as two hosts on the loopback: host 0 writes channel "in" and reads "out",
 * host 1 runs an echo actor between them. Every value, large ones included, arrives once and in
 * order; a failure travels as a failure; a duplicate execution number breaks the graph.
 */
class BridgeTest {
  private static final int RING = 8;
  private static final GraphSpec SPEC = GraphSpec.builder("BridgeGraph", RING, 256)
      .actor("echo", "Echo")
      .channel("in", GraphSpec.DRIVER, 0)
      .channel("out", 0, GraphSpec.DRIVER)
      .outputs(1)
      .build();

  @TempDir Path tmp;
  private AeronNode node;
  private final CompletableFuture<String> broken0 = new CompletableFuture<>();
  private final CompletableFuture<String> broken1 = new CompletableFuture<>();
  private Bridge host0;
  private Bridge host1;
  private Channel[] channels0;
  private Channel[] channels1;
  private String[] endpoints;

  @BeforeEach
  void start() {
    node = AeronNode.start(tmp.resolve("aeron"), new YieldingIdleStrategy());
    endpoints = new String[] {ClusterOptions.hostPort(loopback(), TestPorts.free()),
        ClusterOptions.hostPort(loopback(), TestPorts.free())};
    channels0 = channels(tmp.resolve("h0"));
    channels1 = channels(tmp.resolve("h1"));
    int stream = 17;
    int[] hostOf = {1};
    host0 = new Bridge(SPEC, node, stream, 0, 0, hostOf, endpoints, channels0, RING, 256, (what, e) -> broken0.complete(what));
    host1 = new Bridge(SPEC, node, stream, 1, 0, hostOf, endpoints, channels1, RING, 256, (what, e) -> broken1.complete(what));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    assertTrue(host0.awaitConnected(deadline), host0.unconnected());
    assertTrue(host1.awaitConnected(deadline), host1.unconnected());
    host0.start();
    host1.start();
  }

  /** The address both "hosts" use. */
  String loopback() {
    return "127.0.0.1";
  }

  private Channel[] channels(Path dir) {
    Path d = ChannelDirs.create(dir, "BridgeGraph");
    return new Channel[] {
        Channel.create(d, "c0-in", RING, 256, 1, WaitStrategy.yielding(), () -> { }),
        Channel.create(d, "c1-out", RING, 256, 1, WaitStrategy.yielding(), () -> { })};
  }

  @AfterEach
  void stop() {
    host0.stop();
    host1.stop();
    for (Channel c : channels0) {
      c.close();
    }
    for (Channel c : channels1) {
      c.close();
    }
    node.close();
  }

  /** The echo actor on host 1: copies every message of "in" to "out", failures as failures. */
  private Thread echo(int count) {
    Thread t = new Thread(() -> {
      ChannelReader in = channels1[0].reader(0);
      ChannelWriter out = channels1[1].writer();
      for (long seq = 0; seq < count; seq++) {
        SlotReader r = in.await(seq, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
        if (r == null) {
          return;
        }
        if (r.isFailure()) {
          Failure f = Failure.readFrom(r);
          in.release(seq);
          out.publishFailure(seq, f);
        } else {
          byte[] value = r.readBytes();
          in.release(seq);
          out.claim(seq).writeBytes(value);
          out.publish(seq);
        }
      }
    }, "echo");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static byte[] value(int i) {
    int n = i % 50 == 7 ? 200_000 + i : i % 13; // now and then far larger than a slot and an Aeron frame
    byte[] b = new byte[n];
    for (int k = 0; k < n; k++) {
      b[k] = (byte) (i * 31 + k);
    }
    return b;
  }

  @Test
  void everyValueCrossesOnceInOrderIncludingLargeOnesAndFailures() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      int count = 500;
      Thread actor = echo(count);
      ChannelWriter in = channels0[0].writer();
      ChannelReader out = channels0[1].reader(0);
      long read = 0;
      for (int i = 0; i < count; i++) {
        while (!in.hasRoom(i)) { // keep the ring going: read results while the input ring is full
          read = drain(out, read, false);
        }
        put(in, i);
        read = drain(out, read, false);
      }
      while (read < count) {
        read = drain(out, read, true);
      }
      actor.join(5000);
      assertEquals(count, read);
      assertTrue(!broken0.isDone() && !broken1.isDone(), () -> broken0.getNow("") + broken1.getNow(""));
    });
  }

  /** Execution {@code i}: {@link #value(int)}, but a failure for 123. */
  private static void put(ChannelWriter in, int i) {
    if (i == 123) {
      in.publishFailure(i, new Failure("driver", "execute", "java.lang.IllegalStateException", "boom",
          new StackTraceElement[0]));
    } else {
      SlotWriter w = in.claim(i);
      w.writeBytes(value(i));
      in.publish(i);
    }
  }

  private static long drain(ChannelReader out, long seq, boolean wait) {
    SlotReader r = wait ? out.await(seq, System.nanoTime() + TimeUnit.SECONDS.toNanos(30)) : out.poll(seq);
    while (r != null) {
      if (seq == 123) {
        assertTrue(r.isFailure());
        Failure f = Failure.readFrom(r);
        assertEquals("java.lang.IllegalStateException", f.className());
        assertEquals("boom", f.message());
      } else {
        assertTrue(!r.isFailure(), "execution " + seq);
        assertArrayEquals(value((int) seq), r.readBytes(), "execution " + seq);
      }
      out.release(seq);
      seq++;
      r = out.poll(seq);
    }
    return seq;
  }

  @Test
  void aFullMirrorRingHoldsBackTheWriterAcrossHostsAndLosesNothing() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      // Nobody reads host 1's mirror of "in" yet: it fills (8 slots), the bridge stops taking
      // messages, Aeron holds the rest, the forwarder holds its slot, and host 0's ring fills too.
      ChannelWriter in = channels0[0].writer();
      int written = 0;
      long stalledSince = System.nanoTime();
      while (System.nanoTime() - stalledSince < TimeUnit.MILLISECONDS.toNanos(500) && written < 10_000) {
        if (in.hasRoom(written)) {
          put(in, written);
          written++;
          stalledSince = System.nanoTime();
        } else {
          Thread.sleep(1);
        }
      }
      // Both rings full, plus at most what Aeron's flow-control window (half a 64 KiB term, frames of
      // at least 32 bytes) holds in between.
      assertTrue(written >= 2 * RING, "written " + written);
      assertTrue(written <= 2 * RING + Bridge.MIN_TERM / 2 / 32, "the writer was not held back: " + written);
      System.out.println("back-pressure across hosts: the writer was held after " + written + " executions");
      int held = written;
      Thread actor = echo(held + 100); // now host 1 reads: everything flows, in order, nothing lost
      ChannelReader out = channels0[1].reader(0);
      long read = 0;
      for (int i = held; i < held + 100; i++) {
        while (!in.hasRoom(i)) {
          read = drain(out, read, false);
        }
        put(in, i);
        read = drain(out, read, false);
      }
      while (read < held + 100) {
        read = drain(out, read, true);
      }
      actor.join(5000);
      assertEquals(held + 100, read);
      assertTrue(!broken0.isDone() && !broken1.isDone(), () -> broken0.getNow("") + broken1.getNow(""));
    });
  }

  @Test
  void termLengthsFollowTheRingAndStayWithinBounds() {
    assertEquals(64 * 1024, Bridge.termLength(8, 256)); // small rings: Aeron's smallest term
    assertEquals(4 * 1024 * 1024, Bridge.termLength(16, 100_000)); // 16 x (100,000 + 64) x 2 = 3.2 MB -> 4 MiB
    assertEquals(16 * 1024 * 1024, Bridge.termLength(64, 10_000_000)); // capped: values travel in parts
  }

  @Test
  void aHostThatStopsReceivingBreaksTheGraphNamingIt() {
    assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
      host1.stop(); // host 1's data path is gone (its subscription closes); nothing tells host 0 otherwise
      ChannelWriter in = channels0[0].writer();
      long start = System.nanoTime();
      for (int i = 0; i < RING; i++) {
        put(in, i); // the forwarder to host 1 keeps trying to send these
      }
      String why = broken0.get(60, TimeUnit.SECONDS);
      assertTrue(why.contains("host 1 has not received channel in for ") && why.contains("its Aeron subscription is"
          + " gone"), why);
      assertTrue(System.nanoTime() - start >= Bridge.LOST_NANOS, "not before the grace period");
    });
  }

  @Test
  void aDuplicateExecutionNumberBreaksTheGraphNamingIt() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      // A stray sender on the same stream repeats execution 0 of channel "out" towards host 0.
      ExclusivePublication stray = node.aeron().addExclusivePublication("aeron:udp?endpoint=" + endpoints[0], 17);
      try {
        while (!stray.isConnected()) {
          Thread.sleep(1);
        }
        UnsafeBuffer frame = new UnsafeBuffer(new byte[Bridge.HEADER]);
        frame.putInt(0, 1);
        frame.putLong(4, 0);
        frame.putInt(12, 1);
        frame.putInt(16, 0);
        frame.putInt(20, 0);
        for (int sent = 0; sent < 2; ) {
          if (stray.offer(frame, 0, Bridge.HEADER) > 0) {
            sent++;
          }
        }
        String why = broken0.get(20, TimeUnit.SECONDS);
        assertTrue(why.contains("channel out from host 1 delivered execution 0 where 1 was next (a duplicate)"), why);
      } finally {
        stray.close();
      }
    });
  }
}
