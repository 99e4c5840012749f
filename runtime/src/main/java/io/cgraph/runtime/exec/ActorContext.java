package io.cgraph.runtime.exec;

import io.cgraph.runtime.channel.Channel;
import io.cgraph.runtime.channel.ChannelReader;
import io.cgraph.runtime.channel.ChannelWriter;
import io.cgraph.runtime.codec.Failure;
import io.cgraph.runtime.observe.ActorProbe;

/** What an actor's generated step sees of the running graph: its channel ends and its name. */
public final class ActorContext {
  private final GraphSpec spec;
  private final Channel[] channels;
  private final int actor;
  private final ActorProbe probe;

  ActorContext(GraphSpec spec, Channel[] channels, int actor) {
    this(spec, channels, actor, new ActorProbe(spec.graphName(), spec.actorName(actor), false));
  }

  ActorContext(GraphSpec spec, Channel[] channels, int actor, ActorProbe probe) {
    this.spec = spec;
    this.channels = channels;
    this.actor = actor;
    this.probe = probe;
  }

  /** This actor's counters and JFR call events; the generated step times its calls through it. */
  public ActorProbe probe() {
    return probe;
  }

  /** This actor's reader of channel {@code channel}. */
  public ChannelReader reader(int channel) {
    int index = spec.readerIndex(channel, actor);
    if (index < 0) {
      throw new IllegalStateException(spec.graphName() + ": actor '" + name() + "' does not read channel "
          + spec.channel(channel).name());
    }
    return channels[channel].reader(index);
  }

  /** The writer of channel {@code channel}, which this actor owns. */
  public ChannelWriter writer(int channel) {
    if (spec.channel(channel).writer() != actor) {
      throw new IllegalStateException(spec.graphName() + ": actor '" + name() + "' does not write channel "
          + spec.channel(channel).name());
    }
    return channels[channel].writer();
  }

  /** The failure for {@code thrown}, raised by this actor's {@code method}. */
  public Failure failure(Throwable thrown, String method) {
    probe.failed();
    return Failure.of(name(), method, thrown);
  }

  /** The actor's parameter name in the graph method. */
  public String name() {
    return spec.actorName(actor);
  }
}
