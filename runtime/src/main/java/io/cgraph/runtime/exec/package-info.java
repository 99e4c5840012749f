/**
 * Internal: the running graph, for generated code and cgraph itself; not API, and free to change
 * between versions (Dagger's {@code dagger.internal}).
 *
 * <p>By role: {@code GraphRuntime} wires a graph and runs its lifecycle (start, break, close);
 * {@code Capacity} bounds the executions in flight; {@code ResultPump} reads results in order and
 * serves {@code get}; {@code Executor} and {@code ActorTask} run actor steps in batches, several
 * actors and graphs per thread; {@code ActorBindings} says which executor each actor lives on;
 * {@code LiveGraphs} holds the shutdown hook and the Cleaner; {@code WorkerMain} and friends run
 * actors in worker processes, with the same executor loop. Generated code calls
 * {@code GraphRuntime}, {@code AbstractRef}, {@code ActorContext}, {@code ActorStep},
 * {@code ActorSteps}, {@code StepFactory} and {@code GraphSpec}.
 */
package io.cgraph.runtime.exec;
