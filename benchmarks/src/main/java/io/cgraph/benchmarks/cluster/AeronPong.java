package io.cgraph.benchmarks.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import org.agrona.concurrent.IdleStrategy;

/**
 * The far end of {@link EchoAeron}: returns every message to the pinging host, polling with the
 * same idle strategy, one thread (invoker mode) or with a media driver thread (shared). Arguments:
 * own {@code host:port}, the pinger's {@code host:port}, idle name, {@code invoker|shared}.
 */
public final class AeronPong {
  private AeronPong() {}

  public static void main(String[] args) throws Exception {
    try (EchoAeron.Side side = new EchoAeron.Side(args[3], args[2])) {
      Subscription sub = side.aeron.addSubscription("aeron:udp?endpoint=" + args[0], EchoAeron.PING_STREAM);
      ExclusivePublication pub = side.aeron.addExclusivePublication("aeron:udp?endpoint=" + args[1]
          + "|term-length=65536", EchoAeron.PONG_STREAM);
      IdleStrategy idle = EchoAeron.idle(args[2]);
      System.out.println("aeron pong up");
      for (;;) {
        idle.idle(sub.poll((buffer, offset, length, header) -> {
          while (pub.offer(buffer, offset, length) < 0) {
            side.duty();
          }
        }, 16) + side.duty());
      }
    }
  }
}
