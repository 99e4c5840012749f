/**
 * Internal: channels. {@code ChannelReader} and {@code ChannelWriter} are the transport seam that
 * generated steps read and write slots through; {@code Channel} is the mapped-file ring that
 * implements them (one writer, N readers, ring growth, the park handshake). Another transport
 * implements the two interfaces without any change to generated code or the processor.
 */
package io.cgraph.runtime.channel;
