package io.cgraph.runtime;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one graph's counters, taken by {@code graph.stats()}. Immutable; each counter is
 * read once, without stopping the graph, so counters of a busy graph may be a few executions apart.
 *
 * <p>Counts are always kept. Times ({@link ActorStats#busyNanos()}) are measured only while
 * {@link GraphOptions#withTimingStats timing stats} are on or a JFR recording has the
 * {@code io.cgraph.ActorCall} event enabled; {@link #timed()} says whether they were on from the
 * start. Channel waits are always timed: they happen only on the slow path, when a writer waits.
 *
 * @param graph the generated graph class's simple name
 * @param executions executions submitted with {@code execute} (encoded and published)
 * @param completed executions whose result or failure the driver has taken from the channels
 * @param inFlight {@code executions - completed}: submitted, and the driver has not taken their results yet
 * @param failures completed executions whose result is a failure (an actor threw, or decoding failed)
 * @param capacityWaits times {@code execute} waited because {@code maxInflight} results were unread
 * @param capacityWaitNanos total time {@code execute} waited for capacity
 * @param timed whether actor busy times were measured since the graph started
 * @param actors one entry per actor, in the graph method's parameter order
 * @param channels one entry per channel: channel 0 is the input channel, then one per value that crosses a channel
 * @param journal the journal's counters, or {@code null} when the graph has no journal
 * @param collectives one entry per collective ({@code Collectives.allReduce} ...) in program order
 */
public record GraphStats(String graph, long executions, long completed, long inFlight, long failures,
    long capacityWaits, long capacityWaitNanos, boolean timed, List<ActorStats> actors, List<ChannelStats> channels,
    JournalStats journal, List<CollectiveStats> collectives) {

  /**
   * A snapshot of a graph without collectives (the constructor of earlier versions).
   *
   * @param graph the generated graph class's simple name
   * @param executions executions submitted with {@code execute}
   * @param completed executions whose result or failure the driver has taken from the channels
   * @param inFlight {@code executions - completed}
   * @param failures completed executions whose result is a failure
   * @param capacityWaits times {@code execute} waited for capacity
   * @param capacityWaitNanos total time {@code execute} waited for capacity
   * @param timed whether actor busy times were measured since the graph started
   * @param actors one entry per actor; copied
   * @param channels one entry per channel; copied
   * @param journal the journal's counters, or {@code null} when the graph has no journal
   */
  public GraphStats(String graph, long executions, long completed, long inFlight, long failures,
      long capacityWaits, long capacityWaitNanos, boolean timed, List<ActorStats> actors, List<ChannelStats> channels,
      JournalStats journal) {
    this(graph, executions, completed, inFlight, failures, capacityWaits, capacityWaitNanos, timed, actors, channels,
        journal, List.of());
  }

  /**
   * Copies the lists, so that a snapshot never changes.
   *
   * @param graph the generated graph class's simple name
   * @param executions executions submitted with {@code execute} (encoded and published)
   * @param completed executions whose result or failure the driver has taken from the channels
   * @param inFlight {@code executions - completed}: submitted, and the driver has not taken their results yet
   * @param failures completed executions whose result is a failure (an actor threw, or decoding failed)
   * @param capacityWaits times {@code execute} waited because {@code maxInflight} results were unread
   * @param capacityWaitNanos total time {@code execute} waited for capacity
   * @param timed whether actor busy times were measured since the graph started
   * @param actors one entry per actor, in the graph method's parameter order; copied
   * @param channels one entry per channel: channel 0 is the input channel, then one per value that crosses a
   *     channel; copied
   * @param journal the journal's counters, or {@code null} when the graph has no journal
   * @param collectives one entry per collective in program order; copied
   */
  public GraphStats {
    Objects.requireNonNull(graph, "graph");
    actors = List.copyOf(actors);
    channels = List.copyOf(channels);
    collectives = List.copyOf(collectives);
  }

  /**
   * One collective's counters. Each participant's time runs from the moment its step reaches the
   * collective (its operand is ready) to the moment it holds its copy, so it includes waiting for
   * slower peers.
   *
   * @param name the local the collective binds in the graph method ({@code sum})
   * @param participants the participating actors in rank order (a broadcast's root first)
   * @param runs executions every participant has finished its part of (as last reported, for remote ones)
   * @param nanos the participants' time in the collective, added up over participants and executions
   * @param inPlace whether every participant runs in the driver's JVM, so that they read each other's
   *     arrays in place; otherwise chunks travel round the ring of channels between the participants
   *     (worker processes, other hosts)
   */
  public record CollectiveStats(String name, List<String> participants, long runs, long nanos, boolean inPlace) {
    /**
     * Copies the list.
     *
     * @param name the local the collective binds
     * @param participants the participating actors in rank order; copied
     * @param runs executions every participant has finished its part of
     * @param nanos the participants' time in the collective, added up
     * @param inPlace whether the participants read each other's arrays in place (all in this JVM)
     */
    public CollectiveStats {
      Objects.requireNonNull(name, "name");
      participants = List.copyOf(participants);
    }

    /**
     * The counters of a collective whose participants send their chunks round the ring (the
     * constructor before {@code inPlace} was added).
     *
     * @param name the local the collective binds
     * @param participants the participating actors in rank order; copied
     * @param runs executions every participant has finished its part of
     * @param nanos the participants' time in the collective, added up
     */
    public CollectiveStats(String name, List<String> participants, long runs, long nanos) {
      this(name, participants, runs, nanos, false);
    }
  }

  /**
   * One actor's counters.
   *
   * @param name the actor's parameter name in the graph method
   * @param thread the name of the thread that runs this actor's calls ({@code cgraph-<Graph>-<actor>} by
   *     default, {@code cgraph-<name>} for an {@link ActorThread}), or for a remote actor its worker
   *     ({@code worker 'cgraph-worker-0' (pid 1234)}) or host ({@code host 'gpu-1'})
   * @param steps executions this actor has finished its share of (all its calls, published or skipped);
   *     for a remote actor as its worker or host last reported (stats() asks them, waiting up to 1 s)
   * @param failures calls of this actor that threw (failures forwarded from upstream are not counted)
   * @param busyNanos time spent decoding inputs, in its methods and encoding results (not waiting
   *     for input), measured while timing was on; 0 when it never was
   */
  public record ActorStats(String name, String thread, long steps, long failures, long busyNanos) {}

  /**
   * One channel's writer-side waits: the writer found the ring full (its slowest reader still held
   * the slot it needed) and waited for a reader.
   *
   * @param name the channel's name ({@code input}, or {@code actor.method})
   * @param waits how many times the writer waited
   * @param waitNanos total time it waited
   */
  public record ChannelStats(String name, long waits, long waitNanos) {}

  /**
   * The journal's counters.
   *
   * @param appended records appended to the Chronicle Queue: an execution's input and its result are one
   *     each, plus the session's header at the start and at the start of each new cycle file
   * @param pending records handed to the journal thread and not yet appended
   * @param lost records that could not be appended (an I/O failure; each loss is logged)
   */
  public record JournalStats(long appended, long pending, long lost) {}

  /**
   * One line: the counters that matter at a glance ({@code PipelineGraph: 200000 executions, 199992
   * completed, 8 in flight, 31 failed, 0 capacity waits}); the components hold the rest.
   */
  @Override
  public String toString() {
    return graph + ": " + executions + " executions, " + completed + " completed, " + inFlight + " in flight, "
        + failures + " failed, " + capacityWaits + " capacity waits"
        + (journal == null ? "" : ", journal " + journal.appended() + " appended, " + journal.lost() + " lost");
  }
}
