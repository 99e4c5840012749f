package io.cgraph.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/** Control message types between a driver ({@link CGraphCluster}) and host agents ({@link HostAgent}). */
final class Protocol {
  /** Host agents register under this key with Pekko's receptionist. */
  static final ServiceKey<Envelope> HOSTS = ServiceKey.create(Envelope.class, "cgraph-host");

  // driver -> agent (requests; the agent replies OK or ERROR with the same request number)
  static final int HELLO = 1;   // -> OK: name, data endpoint, roles, pid
  static final int SPAWN = 2;   // actorId, class name, args
  static final int ATTACH = 3;  // see CGraphCluster.attachBody
  static final int DETACH = 4;  // graphId, teardown millis -> OK: stopped
  static final int FORGET = 5;  // actorId: the driver no longer needs it
  static final int STATS = 6;   // graphId -> OK: HostedGraph.writeCounters
  // agent -> driver
  static final int OK = 10;
  static final int ERROR = 11;  // exception
  static final int BROKEN = 12; // graphId, what, exception: an actor thread or the data path died there

  private Protocol() {}

  /** Writes a body. */
  @FunctionalInterface
  interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  static byte[] body(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static DataInputStream read(byte[] body) {
    return new DataInputStream(new ByteArrayInputStream(body));
  }
}
