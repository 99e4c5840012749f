package io.cgraph.runtime.exec;

import io.cgraph.runtime.channel.ChannelReader;
import io.cgraph.runtime.channel.ChannelWriter;
import io.cgraph.runtime.codec.Failure;

/** What an actor's generated step sees of the running graph: its channel ends and its name. */
public final class ActorContext {
  /** This actor's reader of channel {@code channel}. */
  public ChannelReader reader(int channel) { throw new UnsupportedOperationException("TODO"); }

  /** The writer of channel {@code channel}, which this actor owns. */
  public ChannelWriter writer(int channel) { throw new UnsupportedOperationException("TODO"); }

  /** The failure for {@code thrown}, raised by this actor's {@code method}. */
  public Failure failure(Throwable thrown, String method) { throw new UnsupportedOperationException("TODO"); }
}
