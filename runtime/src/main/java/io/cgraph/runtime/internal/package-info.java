/**
 * Internal: everything generated code calls that is not API, and the running graph behind it; for
 * generated code and cgraph itself, free to change between versions (Dagger's
 * {@code dagger.internal}). Generated code names only this package and the API
 * ({@code io.cgraph.runtime}, and {@code JournalReader}/{@code JournalEntry}).
 *
 * <p>What generated code calls: {@code GraphRuntime} (started with the class's {@code workerStep} as
 * its {@code ActorSteps}), {@code GraphSpec}, {@code AbstractRef} (each {@code Ref}'s base),
 * {@code ActorContext}, {@code ActorStep}, {@code ActorProbe}; the transport seam
 * {@code ChannelReader}/{@code ChannelWriter}, which the mapped-file rings of
 * {@code io.cgraph.runtime.channel} implement (another transport implements the two interfaces
 * without any change to generated code or the processor); and the slot codec
 * {@code SlotWriter}/{@code SlotReader}.
 *
 * <p>Behind it, by role: {@code GraphRuntime} wires a graph and runs its lifecycle (start, break,
 * close); {@code Capacity} bounds the executions in flight; {@code ResultPump} reads results in order
 * and serves {@code get}; {@code Executor} and {@code ActorTask} run actor steps in batches, several
 * actors and graphs per thread; {@code ActorBindings} says which executor each actor lives on;
 * {@code LiveGraphs} holds the shutdown hook and the Cleaner; {@code WorkerMain} and friends run
 * actors in worker processes, with the same executor loop.
 */
package io.cgraph.runtime.internal;
