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
 * JFR event {@code io.cgraph.ActorCall}: one call of a graph method on its actor's thread, split into
 * decoding its inputs (from the moment the first one is available), the call itself, and encoding
 * and publishing its result. Waiting for inputs is not part of it.
 */
@Name("io.cgraph.ActorCall")
@Label("cgraph Actor Call")
@Category({"cgraph"})
@Description("One actor method call: decode, compute and encode times")
@StackTrace(false)
@Enabled(false) // one per actor method call: opt in (cgraph.jfc or Recording.enable), so that an always-on recording stays cheap
public final class ActorCallEvent extends Event {
  /** Never committed; its {@link #isEnabled()} tells whether a recording wants these events (read by {@code ActorProbe}). */
  public static final ActorCallEvent PROBE = new ActorCallEvent();

  @Label("Graph")
  public String graph;

  @Label("Actor")
  public String actor;

  @Label("Method")
  public String method;

  @Label("Execution")
  public long execution;

  @Label("Decode")
  @Timespan(Timespan.NANOSECONDS)
  public long decode;

  @Label("Compute")
  @Timespan(Timespan.NANOSECONDS)
  public long compute;

  @Label("Encode")
  @Timespan(Timespan.NANOSECONDS)
  public long encode;

  @Label("Failed")
  @Description("The call threw, or its result could not be encoded")
  public boolean failed;
}
