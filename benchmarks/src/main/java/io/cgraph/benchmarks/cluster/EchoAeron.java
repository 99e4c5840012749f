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
import org.agrona.concurrent.AgentInvoker;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The baseline of {@link EchoCluster}: a raw Aeron ping-pong of a 32-byte message (cgraph's frame
 * header and a long) with {@link AeronPong} on the other host, with the same idle strategy as
 * cgraph's data path. {@code invoker}: each side is one thread that runs its media driver and polls
 * (what cgraph's data thread does); {@code shared}: a media driver thread of its own on each side.
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

  /** One side's media driver and client; {@link #duty} runs them when in invoker mode. */
  static final class Side implements AutoCloseable {
    final MediaDriver driver;
    final Aeron aeron;
    final AgentInvoker driverInvoker;
    final AgentInvoker conductorInvoker;

    Side(String mode, String idle) throws Exception {
      boolean invoker = mode.equals("invoker");
      Path dir = Files.createTempDirectory(Path.of("/dev/shm"), "cgraph-bench-aeron-");
      MediaDriver.Context ctx = new MediaDriver.Context().aeronDirectoryName(dir.toString())
          .dirDeleteOnStart(true).dirDeleteOnShutdown(true).termBufferSparseFile(true);
      ctx = invoker ? ctx.threadingMode(ThreadingMode.INVOKER)
          : ctx.threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(idle(idle));
      driver = MediaDriver.launchEmbedded(ctx);
      Aeron.Context a = new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName());
      if (invoker) {
        a.useConductorAgentInvoker(true).driverAgentInvoker(driver.sharedAgentInvoker());
      }
      try {
        aeron = Aeron.connect(a);
      } catch (RuntimeException e) {
        driver.close(); // deletes its directory (dirDeleteOnShutdown)
        throw e;
      }
      driverInvoker = invoker ? driver.sharedAgentInvoker() : null;
      conductorInvoker = invoker ? aeron.conductorAgentInvoker() : null;
    }

    int duty() {
      return driverInvoker == null ? 0 : driverInvoker.invoke() + conductorInvoker.invoke();
    }

    @Override
    public void close() {
      aeron.close();
      driver.close();
    }
  }

  @State(Scope.Thread)
  public static class Ping {
    @Param({"invoker", "shared"})
    public String aeronMode;
    Side side;
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
      String pong = Bench.property("cgraph.bench.pong"); // host:port of the shared-mode pong; invoker's is +1
      side = new Side(aeronMode, idleName); // after the properties: a setup that fails leaves no Aeron directory
      if (aeronMode.equals("invoker")) {
        int colon = pong.lastIndexOf(':');
        pong = pong.substring(0, colon + 1) + (Integer.parseInt(pong.substring(colon + 1)) + 1);
      }
      int port = aeronMode.equals("invoker") ? 25701 : 25700;
      pub = side.aeron.addExclusivePublication("aeron:udp?endpoint=" + pong + "|term-length=65536", PING_STREAM);
      sub = side.aeron.addSubscription("aeron:udp?endpoint=" + Bench.property("cgraph.bench.self") + ":" + port,
          PONG_STREAM);
      idle = idle(idleName);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!pub.isConnected() || !sub.isConnected()) {
        check(System.nanoTime() < deadline, "aeron pong connected");
        side.duty();
        Thread.sleep(1);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      side.close();
    }
  }

  /** One round trip of {@code x}; the pong's reply carries it back. */
  static long ping(Ping s, long x) {
    s.msg.putLong(24, x);
    while (s.pub.offer(s.msg, 0, 32) < 0) {
      s.side.duty();
    }
    s.idle.reset();
    while (s.seen != x) {
      s.idle.idle(s.sub.poll(s.onPong, 1) + s.side.duty());
    }
    return s.seen;
  }

  @Benchmark
  public long aeron(Ping s) {
    return ping(s, s.x++);
  }
}
