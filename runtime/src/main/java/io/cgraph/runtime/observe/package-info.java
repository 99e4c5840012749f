/** Internal: per-graph counters behind {@code GraphStats}, and the JFR events {@code io.cgraph.Execution}, {@code ActorCall}, {@code Wait}. */
package io.cgraph.runtime.observe;
