package io.cgraph.benchmarks.cluster;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.cgraph.benchmarks.BenchBase;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The baseline of {@link EchoCluster}: a raw Aeron ping-pong of a 32-byte message (cgraph's frame
 * header and a long) with {@link AeronPong} on the other host, an embedded media driver on each
 * side with the same idle strategy as cgraph's data path, and the pinging thread polling with it.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EchoAeron extends BenchBase {
  static final int PING_STREAM = 1001;
  static final int PONG_STREAM = 1002;

  static IdleStrategy idle(String name) {
    return switch (name) {
      case "BUSY_SPIN" -> new BusySpinIdleStrategy();
      case "YIELDING" -> new YieldingIdleStrategy();
      default -> new BackoffIdleStrategy(100, 100, TimeUnit.MICROSECONDS.toNanos(1),
          TimeUnit.MICROSECONDS.toNanos(100));
    };
  }

  static MediaDriver driver(String idle) throws Exception {
    Path dir = Files.createTempDirectory(Path.of("/dev/shm"), "cgraph-bench-aeron-");
    return MediaDriver.launchEmbedded(new MediaDriver.Context().aeronDirectoryName(dir.toString())
        .threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(idle(idle)).dirDeleteOnStart(true)
        .dirDeleteOnShutdown(true).termBufferSparseFile(true));
  }

  @State(Scope.Thread)
  public static class Ping {
    MediaDriver driver;
    Aeron aeron;
    ExclusivePublication pub;
    Subscription sub;
    IdleStrategy idle;
    final UnsafeBuffer msg = new UnsafeBuffer(ByteBuffer.allocateDirect(32));
    long seen = Long.MIN_VALUE;
    long x;
    final FragmentHandler onPong = (buffer, offset, length, header) -> seen = buffer.getLong(offset + 24);

    @Setup(Level.Trial)
    public void setup() throws Exception {
      String idleName = Bench.idle().name();
      driver = driver(idleName);
      aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
      pub = aeron.addExclusivePublication("aeron:udp?endpoint=" + Bench.property("cgraph.bench.pong")
          + "|term-length=65536", PING_STREAM);
      sub = aeron.addSubscription("aeron:udp?endpoint=" + Bench.property("cgraph.bench.self") + ":25700",
          PONG_STREAM);
      idle = idle(idleName);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!pub.isConnected() || !sub.isConnected()) {
        check(System.nanoTime() < deadline, "aeron pong connected");
        Thread.sleep(1);
        ping(this, -1);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      aeron.close();
      driver.close();
    }
  }

  /** One round trip of {@code x}; the pong's reply carries it back. */
  static long ping(Ping s, long x) {
    s.msg.putLong(24, x);
    while (s.pub.offer(s.msg, 0, 32) < 0) {
      if (!s.pub.isConnected()) {
        return -1;
      }
      Thread.onSpinWait();
    }
    s.idle.reset();
    while (s.seen != x) {
      s.idle.idle(s.sub.poll(s.onPong, 1));
      if (x < 0 && !s.sub.isConnected()) {
        return -1;
      }
      if (x < 0) {
        return s.seen;
      }
    }
    return s.seen;
  }

  @Benchmark
  public long aeron(Ping s) {
    return ping(s, s.x++);
  }
}
