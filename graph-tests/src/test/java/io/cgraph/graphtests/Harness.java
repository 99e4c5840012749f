package io.cgraph.graphtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cgraph.runtime.ActorTaskException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a compiled graph and its {@code @Graph} method side by side: every input goes to the
 * reference (the method called directly, on separate actor instances) and to the graph, with up
 * to {@code window} executions in flight; results are compared in submission order.
 */
public final class Harness {
  /** Every test's bound: a hang is a failure, not a stuck build. */
  public static final Duration TIMEOUT = Duration.ofSeconds(120);

  private Harness() {}

  /** What a call gave: a value, or the class name of what it threw. */
  public record Outcome(Object value, String thrown) {
    public static Outcome of(Supplier<?> call) {
      try {
        return new Outcome(call.get(), null);
      } catch (ActorTaskException e) {
        return new Outcome(null, e.originalClassName());
      } catch (RuntimeException e) {
        return new Outcome(null, e.getClass().getName());
      }
    }
  }

  private record Pending<I, R>(long index, I input, Outcome expected, R ref) {}

  /**
   * Compares {@code runs} executions; returns how many of them threw (in both).
   *
   * @param inputs the next input
   * @param reference the {@code @Graph} method called directly
   * @param submit {@code graph.execute(...)}
   * @param get {@code ref.get()}
   */
  public static <I, R> int compare(int runs, int window, Supplier<I> inputs, Function<I, ?> reference,
      Function<I, R> submit, Function<R, ?> get) {
    Deque<Pending<I, R>> inFlight = new ArrayDeque<>();
    int failures = 0;
    for (long i = 0; i < runs; i++) {
      I input = inputs.get();
      Outcome expected = Outcome.of(() -> reference.apply(input));
      inFlight.addLast(new Pending<>(i, input, expected, submit.apply(input)));
      if (inFlight.size() >= window) {
        failures += check(inFlight.removeFirst(), get);
      }
    }
    while (!inFlight.isEmpty()) {
      failures += check(inFlight.removeFirst(), get);
    }
    return failures;
  }

  private static <I, R> int check(Pending<I, R> p, Function<R, ?> get) {
    Outcome actual = Outcome.of(() -> get.apply(p.ref()));
    if (p.expected().thrown() != null || actual.thrown() != null) {
      assertEquals(p.expected().thrown(), actual.thrown(), "execution " + p.index() + " for input " + p.input());
      return 1;
    }
    if (!Values.deepEquals(p.expected().value(), actual.value())) {
      fail("execution " + p.index() + " for input " + p.input() + ": expected " + p.expected().value()
          + " but the graph gave " + actual.value());
    }
    return 0;
  }

  static void atLeastOne(int failures) {
    assertTrue(failures > 0, "the inputs should have made some executions fail");
  }
}
