package io.cgraph.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;

/**
 * Pekko serializer of {@link Envelope} (Java serialization stays off): fields in order, the reply
 * reference in Pekko's own text form. Pekko creates it with the classic system; the typed resolver
 * is looked up on first use, since serializers may be created while the system still starts.
 */
public final class EnvelopeSerializer extends JSerializer {
  /** Pekko reserves 0 to 40. */
  static final int ID = 0x63677270; // "cgrp"
  private final ExtendedActorSystem system;
  private volatile ActorRefResolver resolver;

  /**
   * Called by Pekko.
   *
   * @param system the classic actor system that uses this serializer
   */
  public EnvelopeSerializer(ExtendedActorSystem system) {
    this.system = system;
  }

  private ActorRefResolver resolver() {
    ActorRefResolver r = resolver;
    if (r == null) {
      r = ActorRefResolver.get(Adapter.toTyped(system));
      resolver = r;
    }
    return r;
  }

  @Override
  public int identifier() {
    return ID;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object o) {
    Envelope e = (Envelope) o;
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + e.body.length);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(e.type);
      out.writeLong(e.request);
      out.writeInt(e.body.length);
      out.write(e.body);
      out.writeBoolean(e.replyTo != null);
      if (e.replyTo != null) {
        out.writeUTF(resolver().toSerializationFormat(e.replyTo));
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      int type = in.readInt();
      long request = in.readLong();
      int n = in.readInt();
      if (n < 0 || n > bytes.length) {
        throw new IOException("corrupt control message: body of " + n + " bytes");
      }
      byte[] body = new byte[n];
      in.readFully(body);
      ActorRef<Envelope> replyTo = in.readBoolean() ? resolver().resolveActorRef(in.readUTF()) : null;
      return new Envelope(type, request, body, replyTo);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
