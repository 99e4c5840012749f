package io.cgraph.runtime;

/**
 * A handle on one graph execution whose result can be taken at most once. Every generated
 * {@code Ref} implements it; the compile-time checker recognises refs by this type.
 */
public interface SingleUse {
  /**
   * Whether the result (a value or a failure) has arrived; never blocks.
   *
   * @return {@code true} once the result or a failure has arrived
   */
  boolean isDone();

  /**
   * Whether the result has already been taken by {@code get}.
   *
   * @return {@code true} once {@code get} has taken the result
   */
  boolean isConsumed();
}
