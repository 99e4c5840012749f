package io.cgraph.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an {@link Actor} class that a {@link Graph} may call.
 *
 * <p>A graph method is public, non-static, non-generic and not overloaded. Its parameter and return
 * types must be transferable (primitives and their boxes, {@code String}, enums, primitive arrays,
 * records of transferable components, {@code List} of transferable, {@code java.nio.ByteBuffer},
 * {@code java.time.Instant}, {@code java.time.Duration}, {@code java.util.UUID}, {@code java.math.BigDecimal}, Chronicle
 * {@code BytesMarshallable} classes with a public no-argument constructor,
 * {@code io.cgraph.gpu.DeviceTensor}), because its arguments and result cross memory-mapped channels.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface GraphMethod {}
