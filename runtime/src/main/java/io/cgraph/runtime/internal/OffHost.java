package io.cgraph.runtime.internal;

import io.cgraph.runtime.RemoteActor;
import io.cgraph.runtime.WaitStrategy;
import io.cgraph.runtime.channel.Channel;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Internal SPI: actors on other hosts, implemented by the {@code cgraph-cluster} module (which the
 * runtime does not depend on). A graph whose placements include {@link Actor}s hands its channels
 * to the actors' {@link Cluster} before its local actors start; the cluster excludes the readers
 * that live elsewhere from the local rings, forwards the local channels that remote actors read,
 * mirrors the remote channels that local ends read, and runs the remote actors on their hosts.
 */
public final class OffHost {
  private OffHost() {}

  /** A placement on another host. */
  public interface Actor<T> extends RemoteActor<T> {
    /** The cluster connection that created it; all off-host actors of one graph share one. */
    Cluster cluster();
  }

  /** A connection to the hosts of a cluster. */
  public interface Cluster {
    /** Starts the off-host part of a graph; throws (and leaves nothing running) if it cannot. */
    Graph start(Request request);
  }

  /** The off-host part of one running graph. */
  public interface Graph {
    /** Asks every host to stop this graph's actors (once; asynchronous). */
    void stop(long teardownNanos);

    /** Waits until {@code deadlineNanos} for hosts to confirm {@link #stop}, releasing the actors of each that did. */
    void awaitDetached(long deadlineNanos);

    /**
     * At close: waits until {@code deadlineNanos} for the hosts, stops the data path on this host
     * (before its channels close) and releases every off-host actor.
     */
    void awaitStopped(long deadlineNanos);

    /**
     * Asks the hosts for the counters of this graph's actors there (steps, failures, busy
     * nanoseconds) and hands each to {@code sink} by actor index; a host that does not answer
     * within {@code timeoutNanos} is skipped.
     */
    void counters(java.util.function.BiConsumer<Integer, long[]> sink, long timeoutNanos);
  }

  /**
   * What a cluster gets to start a graph's off-host part: {@code placed[i]} is actor {@code i}'s
   * off-host placement, or null for an actor on this host (in this JVM or a worker process);
   * {@code release} frees an actor for other graphs; {@code broken} breaks the graph, naming what
   * happened.
   */
  public record Request(GraphSpec spec, Class<?> graphClass, Channel[] channels, int ringSlots, int bufferBytes,
      WaitStrategy waitStrategy, int maxMessageBytes, long teardownNanos, Actor<?>[] placed, Consumer<Object> release,
      BiConsumer<String, Throwable> broken) {}
}
