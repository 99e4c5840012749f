package io.cgraph.runtime.observe;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event {@code io.cgraph.Wait}: a wait longer than {@link Observer#WAIT_THRESHOLD_NANOS}, of a
 * channel writer whose ring is full (it waits for its slowest reader to release a slot), or of
 * {@code execute} while {@code maxInflight} results are unread.
 */
@Name("io.cgraph.Wait")
@Label("cgraph Wait")
@Category({"cgraph"})
@Description("A channel writer waited for a reader (ring full), or execute waited for capacity")
@StackTrace(false)
public final class WaitEvent extends Event {
  /** Never committed; its {@link #isEnabled()} tells whether a recording wants these events. */
  static final WaitEvent PROBE = new WaitEvent();

  @Label("Graph")
  public String graph;

  @Label("Channel")
  @Description("The channel whose writer waited, or 'capacity' for execute")
  public String channel;

  @Label("Reason")
  public String reason;

  @Label("Waited")
  @Timespan(Timespan.NANOSECONDS)
  public long waited;
}
