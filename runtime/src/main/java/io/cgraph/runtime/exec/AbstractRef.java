package io.cgraph.runtime.exec;

import io.cgraph.runtime.SingleUse;
import io.cgraph.runtime.codec.SlotReader;
import java.time.Duration;

/**
 * Base of every generated {@code Ref}: one execution's result, to be taken at most once. The
 * generated subclass adds the typed {@code get} methods and a {@code value} field filled by
 * {@link #decode}.
 */
public abstract class AbstractRef implements SingleUse {
  protected AbstractRef(GraphRuntime runtime) { throw new UnsupportedOperationException("TODO"); }

  /**
   * Waits for this execution's result and marks it consumed; after it returns, the value decoded
   * by {@link #decode} may be returned. {@code timeout == null} means the graph's get timeout.
   * Throws {@code RefAlreadyConsumedException}, {@code ChannelTimeoutException},
   * {@code ActorTaskException}, {@code GraphBrokenException} or {@code GraphClosedException}.
   */
  protected final void awaitResult(Duration timeout) { throw new UnsupportedOperationException("TODO"); }

  /** Decodes the result from the output channels' slots, in {@link GraphSpec#outputs()} order. */
  protected abstract void decode(SlotReader[] outputs);

  /** The execution number, 0-based in submission order. */
  public final long execution() { throw new UnsupportedOperationException("TODO"); }

  @Override
  public final boolean isDone() { throw new UnsupportedOperationException("TODO"); }

  @Override
  public final boolean isConsumed() { throw new UnsupportedOperationException("TODO"); }
}
