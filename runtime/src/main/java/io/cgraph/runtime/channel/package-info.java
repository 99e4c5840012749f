/**
 * Internal: the mapped-file channels. {@code Channel} is the ring that implements the transport seam
 * ({@code io.cgraph.runtime.internal.ChannelReader}/{@code ChannelWriter}): one writer, N readers,
 * ring growth, the park handshake; {@code ChannelLayout} is its file format.
 */
package io.cgraph.runtime.channel;
