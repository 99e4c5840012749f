package io.cgraph.cluster;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * The one control message between drivers and host agents (serialized by
 * {@link EnvelopeSerializer}, never by Java serialization): a type, a request number that a reply
 * repeats, a binary body written with the helpers of {@link Protocol}, and where to reply.
 */
final class Envelope {
  final int type;
  final long request;
  final byte[] body;
  /** Null for replies and events. */
  final ActorRef<Envelope> replyTo;

  Envelope(int type, long request, byte[] body, ActorRef<Envelope> replyTo) {
    this.type = type;
    this.request = request;
    this.body = body;
    this.replyTo = replyTo;
  }

  @Override
  public String toString() {
    return "Envelope[type " + type + ", request " + request + ", " + body.length + " bytes]";
  }
}
