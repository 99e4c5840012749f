package io.cgraph.runtime.internal;

/**
 * The channel ends of one graph, by channel number: the transport seam between a running graph and
 * whatever carries its slots (the mapped-file rings of {@code io.cgraph.runtime.channel.Channel},
 * or another transport). Generated steps see only {@link ChannelReader} and {@link ChannelWriter}.
 */
interface ChannelEnds {
  /** Reader number {@code index} of channel {@code channel}. */
  ChannelReader reader(int channel, int index);

  /** The writer of channel {@code channel}. */
  ChannelWriter writer(int channel);

  /** The ends of mapped-file channels. */
  static ChannelEnds of(io.cgraph.runtime.channel.Channel[] channels) {
    return new ChannelEnds() {
      @Override
      public ChannelReader reader(int channel, int index) {
        return channels[channel].reader(index);
      }

      @Override
      public ChannelWriter writer(int channel) {
        return channels[channel].writer();
      }
    };
  }
}
