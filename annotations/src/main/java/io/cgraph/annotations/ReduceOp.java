package io.cgraph.annotations;

/**
 * How {@link Collectives#allReduce} and {@link Collectives#reduceScatter} combine the participants'
 * elements, position by position. Integer sums and products wrap as Java's {@code +} and {@code *}
 * do; floating-point ones are computed in participant order ({@code ((a + b) + c) + d}), the order
 * the compiled graph keeps too, so both give the same bits.
 */
public enum ReduceOp {
  /** {@code a + b}. */
  SUM,
  /** {@code a * b}. */
  PRODUCT,
  /** {@code Math.min(a, b)}. */
  MIN,
  /** {@code Math.max(a, b)}. */
  MAX
}
