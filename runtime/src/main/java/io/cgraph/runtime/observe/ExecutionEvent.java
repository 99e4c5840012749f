package io.cgraph.runtime.observe;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR event {@code io.cgraph.Execution}: one execution seen from the driver, from {@code execute}
 * (inputs published) to its result arriving at the driver. Committed by the thread that takes the
 * result from the output channels.
 */
@Name("io.cgraph.Execution")
@Label("cgraph Execution")
@Category({"cgraph"})
@Description("One graph execution on the driver side: submit to result")
@StackTrace(false)
@Enabled(false) // one per execution: opt in (cgraph.jfc or Recording.enable), so that an always-on recording stays cheap
public final class ExecutionEvent extends Event {
  /** Never committed; its {@link #isEnabled()} tells whether a recording wants these events. */
  static final ExecutionEvent PROBE = new ExecutionEvent();

  @Label("Graph")
  public String graph;

  @Label("Execution")
  @Description("The execution number, 0-based in submission order")
  public long execution;

  @Label("Latency")
  @Timespan(Timespan.NANOSECONDS)
  public long latency;

  @Label("Failed")
  public boolean failed;
}
