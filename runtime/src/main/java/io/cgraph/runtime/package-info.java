/**
 * cgraph's run-time API: what application code uses next to the generated graph classes.
 *
 * <p>This package is the API: {@link io.cgraph.runtime.GraphOptions}, {@link io.cgraph.runtime.WaitStrategy},
 * {@link io.cgraph.runtime.ActorThread}, {@link io.cgraph.runtime.Placement}, {@link io.cgraph.runtime.Workers},
 * {@link io.cgraph.runtime.RemoteActor}, {@link io.cgraph.runtime.GraphStats}, {@link io.cgraph.runtime.SingleUse},
 * {@link io.cgraph.runtime.JournalOptions}, {@link io.cgraph.runtime.Failure} (what a failed execution carries) and the exceptions, all under
 * {@link io.cgraph.runtime.CGraphException}. {@code io.cgraph.runtime.journal}'s {@code JournalReader},
 * {@code JournalEntry} and {@code JournalInspector} are API too.
 *
 * <p>Internal, for generated code and cgraph itself, and free to change between versions:
 * {@code io.cgraph.runtime.internal} (all that generated code calls, the running graph, executors,
 * workers, the transport seam and the slot codec), {@code io.cgraph.runtime.channel} (the mapped-file
 * rings) and {@code io.cgraph.runtime.observe} (counters and JFR events).
 */
package io.cgraph.runtime;
