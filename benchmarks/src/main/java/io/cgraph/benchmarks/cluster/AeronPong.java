package io.cgraph.benchmarks.cluster;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import org.agrona.concurrent.IdleStrategy;

/**
 * The far end of {@link EchoAeron}: returns every message to the pinging host, polling with the
 * same idle strategy. Arguments: own {@code host:port}, the pinger's {@code host:port}, idle name.
 */
public final class AeronPong {
  private AeronPong() {}

  public static void main(String[] args) throws Exception {
    MediaDriver driver = EchoAeron.driver(args[2]);
    try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()))) {
      Subscription sub = aeron.addSubscription("aeron:udp?endpoint=" + args[0], EchoAeron.PING_STREAM);
      ExclusivePublication pub = aeron.addExclusivePublication("aeron:udp?endpoint=" + args[1]
          + "|term-length=65536", EchoAeron.PONG_STREAM);
      IdleStrategy idle = EchoAeron.idle(args[2]);
      System.out.println("aeron pong up");
      for (;;) {
        idle.idle(sub.poll((buffer, offset, length, header) -> {
          while (pub.offer(buffer, offset, length) < 0) {
            if (!pub.isConnected()) {
              return;
            }
            Thread.onSpinWait();
          }
        }, 16));
      }
    } finally {
      driver.close();
    }
  }
}
