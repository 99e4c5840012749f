package io.cgraph.micrometer;

import io.cgraph.runtime.GraphStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * A Micrometer {@link MeterBinder} over a compiled graph's {@code stats()}:
 *
 * <pre>{@code
 * ScoringGraph graph = ScoringGraph.compile(tokenizer, model);
 * GraphMetrics.of(graph::stats).bindTo(registry);
 * }</pre>
 *
 * <p>Meters (tag {@code graph} on every one; Prometheus names in brackets):
 * <ul>
 *   <li>{@code cgraph.executions} counter: submitted ({@code cgraph_executions_total});
 *       {@code cgraph.executions.completed} and {@code cgraph.executions.failed} counters;
 *       {@code cgraph.executions.inflight} gauge;
 *   <li>{@code cgraph.capacity.waits} timer: each {@code execute} that waited for capacity, and how long
 *       ({@code cgraph_capacity_waits_seconds_count}, {@code _sum});
 *   <li>per actor (tag {@code actor}): {@code cgraph.actor.calls} and {@code cgraph.actor.failures}
 *       counters, {@code cgraph.actor.busy} counter in seconds (non-zero only with timing stats on,
 *       {@code GraphOptions.withTimingStats}, or a JFR recording of {@code io.cgraph.ActorCall});
 *   <li>per channel (tag {@code channel}): {@code cgraph.channel.waits} timer (a writer waiting for a slot);
 *   <li>with a journal: {@code cgraph.journal.appended} and {@code cgraph.journal.lost} counters,
 *       {@code cgraph.journal.pending} gauge (its backlog).
 * </ul>
 *
 * <p>The meters read one snapshot at most every {@link #refreshEvery refresh interval} (one second by
 * default): {@code stats()} asks actors in worker processes and on other hosts for their counters,
 * which may take up to a second, so a scrape does not ask once per meter. The actors, channels and
 * journal are those of the first snapshot, taken by {@code bindTo}. The meters keep this binder
 * (and so the graph) reachable while they are registered: remove them from the registry when the
 * graph is closed.
 */
public final class GraphMetrics implements MeterBinder {
  private final Supplier<GraphStats> stats;
  private final Iterable<Tag> tags;
  private final long refreshNanos;
  private GraphStats last;
  private long lastAt;

  private GraphMetrics(Supplier<GraphStats> stats, Iterable<Tag> tags, long refreshNanos) {
    this.stats = stats;
    this.tags = tags;
    this.refreshNanos = refreshNanos;
  }

  /**
   * Meters over {@code stats}, typically {@code graph::stats}, tagged {@code graph=<graph class name>}.
   *
   * @param stats the source of snapshots, asked at most once per refresh interval; not null
   * @return a binder with no extra tags and a one-second refresh interval
   */
  public static GraphMetrics of(Supplier<GraphStats> stats) {
    return new GraphMetrics(Objects.requireNonNull(stats, "stats"), Tags.empty(), TimeUnit.SECONDS.toNanos(1));
  }

  /**
   * The same meters with {@code extra} tags too (e.g. {@code Tags.of("pipeline", "scoring")}).
   *
   * @param extra tags added to every meter; not null
   * @return a new binder with those tags too
   */
  public GraphMetrics withTags(Iterable<Tag> extra) {
    return new GraphMetrics(stats, Tags.concat(tags, Objects.requireNonNull(extra, "extra")), refreshNanos);
  }

  /**
   * How old a snapshot may be when a meter is read ({@code Duration.ZERO}: a fresh one every read).
   *
   * @param interval the longest a snapshot is reused; not negative, one second by default
   * @return a new binder with that refresh interval
   * @throws IllegalArgumentException if {@code interval} is negative
   */
  public GraphMetrics refreshEvery(Duration interval) {
    if (Objects.requireNonNull(interval, "interval").isNegative()) {
      throw new IllegalArgumentException("the refresh interval must not be negative, got " + interval);
    }
    long nanos;
    try {
      nanos = interval.toNanos();
    } catch (ArithmeticException e) {
      nanos = Long.MAX_VALUE; // longer than 292 years: never refreshed after the first snapshot
    }
    return new GraphMetrics(stats, tags, nanos);
  }

  /** The snapshot the meters read: the last one, unless it is older than the refresh interval. */
  synchronized GraphStats snapshot() {
    long now = System.nanoTime();
    if (last == null || now - lastAt >= refreshNanos) {
      last = Objects.requireNonNull(stats.get(), "stats() returned null");
      lastAt = now;
    }
    return last;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    GraphStats first = snapshot();
    Tags base = Tags.concat(tags, "graph", first.graph());
    counter(registry, "cgraph.executions", "executions submitted", base, s -> s.executions());
    counter(registry, "cgraph.executions.completed", "executions whose result arrived", base, s -> s.completed());
    counter(registry, "cgraph.executions.failed", "executions that failed (an actor threw)", base, s -> s.failures());
    Gauge.builder("cgraph.executions.inflight", this, m -> snapshot().inFlight())
        .description("executions submitted whose result has not arrived").tags(base).register(registry);
    FunctionTimer.builder("cgraph.capacity.waits", this, m -> snapshot().capacityWaits(),
            m -> snapshot().capacityWaitNanos(), TimeUnit.NANOSECONDS)
        .description("execute calls that waited for capacity, and how long").tags(base).register(registry);
    for (int i = 0; i < first.actors().size(); i++) {
      int a = i;
      Tags t = base.and("actor", first.actors().get(i).name());
      counter(registry, "cgraph.actor.calls", "actor method calls", t, s -> s.actors().get(a).steps());
      counter(registry, "cgraph.actor.failures", "actor method calls that threw", t, s -> s.actors().get(a).failures());
      FunctionCounter.builder("cgraph.actor.busy", this, m -> snapshot().actors().get(a).busyNanos() / 1e9)
          .description("time the actor spent in its calls (with timing stats on)").baseUnit("seconds").tags(t)
          .register(registry);
    }
    for (int i = 0; i < first.channels().size(); i++) {
      int c = i;
      FunctionTimer.builder("cgraph.channel.waits", this, m -> snapshot().channels().get(c).waits(),
              m -> snapshot().channels().get(c).waitNanos(), TimeUnit.NANOSECONDS)
          .description("waits of the channel's writer for a free slot").tags(base.and("channel",
              first.channels().get(i).name()))
          .register(registry);
    }
    if (first.journal() != null) {
      counter(registry, "cgraph.journal.appended", "records appended to the journal", base,
          s -> s.journal() == null ? 0 : s.journal().appended());
      counter(registry, "cgraph.journal.lost", "records the journal could not append", base,
          s -> s.journal() == null ? 0 : s.journal().lost());
      gauge(registry, "cgraph.journal.pending", "records waiting for the journal thread", base,
          s -> s.journal() == null ? 0 : s.journal().pending());
    }
  }

  private void counter(MeterRegistry registry, String name, String description, Tags tags,
      ToLongFunction<GraphStats> value) {
    FunctionCounter.builder(name, this, m -> value.applyAsLong(snapshot())).description(description).tags(tags)
        .register(registry);
  }

  private void gauge(MeterRegistry registry, String name, String description, Tags tags,
      ToLongFunction<GraphStats> value) {
    ToDoubleFunction<GraphMetrics> f = m -> value.applyAsLong(snapshot());
    Gauge.builder(name, this, f).description(description).tags(tags).register(registry);
  }
}
