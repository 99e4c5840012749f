package io.cgraph.runtime.exec;

import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.codec.SlotWriter;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The running part of one compiled graph instance: channels, actor threads, the driver side. */
public final class GraphRuntime {
  /**
   * Leases the actors (ActorBusyException if one serves a live graph), creates the channels and
   * starts one thread per actor, named {@code cgraph-<GraphClass>-<actor>}.
   */
  public static GraphRuntime start(GraphSpec spec, GraphOptions options, Object[] actors, StepFactory[] steps) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Begins an execution: waits for capacity, assigns {@code ref} its execution number, and claims
   * the input slot. The caller encodes the inputs, then calls {@link #endExecute} (or
   * {@link #cancelExecute} if encoding threw). Holds the submit lock until then.
   */
  public SlotWriter beginExecute(AbstractRef ref) { throw new UnsupportedOperationException("TODO"); }

  /** Publishes the inputs encoded since {@link #beginExecute}. */
  public void endExecute(AbstractRef ref) { throw new UnsupportedOperationException("TODO"); }

  /** Abandons an execution whose inputs could not be encoded; nothing is published. */
  public void cancelExecute(AbstractRef ref) { throw new UnsupportedOperationException("TODO"); }

  /** A future completed with {@code getter.apply(ref)} (or its exception) on the graph's async thread. */
  public <R extends AbstractRef, T> CompletableFuture<T> toFuture(R ref, Function<R, T> getter) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Closes this runtime when {@code graph} becomes unreachable without {@code close()}. */
  public void closeWhenUnreachable(Object graph) { throw new UnsupportedOperationException("TODO"); }

  /** Idempotent teardown: see DESIGN.md section 4. */
  public void close() { throw new UnsupportedOperationException("TODO"); }
}
