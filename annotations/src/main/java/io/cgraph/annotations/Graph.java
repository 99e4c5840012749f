package io.cgraph.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a compiled graph: a static method whose body is straight-line code binding the results
 * of {@link GraphMethod} calls on its actor parameters.
 *
 * <p>The annotation processor generates, next to the enclosing class, a graph class named after
 * the method ({@code scoring} becomes {@code ScoringGraph}) with {@code compile(actors...)},
 * typed {@code execute(inputs...)} and {@code close()}. Calling the method directly runs the same
 * work sequentially: it is the graph's reference semantics.
 *
 * <pre>{@code
 * @Graph(maxInflight = 8)
 * static float scoring(String text, Tokenizer tok, Model model) {
 *   int[] tokens = tok.encode(text);
 *   return model.score(tokens);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Graph {
  /**
   * Name of the generated class; empty means the method name, capitalised, plus {@code Graph}.
   *
   * @return the generated class's simple name, or empty (the default) for the derived name
   */
  String name() default "";

  /**
   * How many executions may be submitted and not yet read at once (1..65536). Also the number of
   * slots in every channel ring. A {@code GraphOptions} value set at run time overrides it.
   *
   * @return the most executions in flight, 1..65536; 10 by default
   */
  int maxInflight() default 10;

  /**
   * Initial payload size in bytes of each channel slot; a larger value grows the ring. A {@code
   * GraphOptions} value set at run time overrides it.
   *
   * @return the initial slot payload size in bytes; 256 by default
   */
  int bufferBytes() default 256;
}
