package io.cgraph.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose instances can serve as actors in a compiled graph.
 *
 * <p>An actor runs its part of every graph execution on one background thread, in program order.
 * The class must be public and concrete; the methods a graph may call are marked
 * {@link GraphMethod}. A parameter of a {@link Graph} method whose type is an {@code @Actor} class
 * is an actor of that graph; every other parameter is an input.
 *
 * <pre>{@code
 * @Actor
 * public class Tokenizer {
 *   @GraphMethod public int[] encode(String text) { ... }
 * }
 * }</pre>
 *
 * <p>Kept at run time: worker processes and host agents create only classes that carry it, so a
 * peer that reaches them cannot make them instantiate anything else.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Actor {}
