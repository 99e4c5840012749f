package io.cgraph.cluster;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.cgraph.runtime.CGraphException;
import io.cgraph.runtime.Failure;
import io.cgraph.runtime.channel.Channel;
import io.cgraph.runtime.internal.ChannelReader;
import io.cgraph.runtime.internal.ChannelWriter;
import io.cgraph.runtime.internal.GraphSpec;
import io.cgraph.runtime.internal.HostedGraph;
import io.cgraph.runtime.internal.SlotReader;
import io.cgraph.runtime.internal.SlotWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One graph's data path on one host (DESIGN.md section 7): for each local channel with readers on
 * other hosts, a <em>forwarder</em> (one extra reader of the local ring per reading host) that sends
 * every slot over Aeron as it is; for each remote channel with readers here, a <em>mirror</em>: this
 * host's ring of that channel, written by this bridge from the messages that arrive. Local readers
 * and generated code do not know the difference.
 *
 * <p>Each message: {@code int channel, long execution, int status, int total length, int offset},
 * then up to one frame of payload; larger slots travel as several messages, in order. Every
 * arrival's execution number is checked against the next expected one (a gap or a duplicate breaks
 * the graph). Back-pressure is end to end: a mirror ring without room stops taking messages (Aeron's
 * flow control window fills, its publication refuses offers), and a forwarder that cannot offer keeps
 * its slot, so the writer's ring fills and the writer waits.
 *
 * <p>The JVM's Aeron data path ({@link AeronNode}) runs every forwarder and mirror of every graph
 * on this host, between its own duty cycles of the media driver, in rounds: on its data thread, or
 * on a thread that waits on one of the graph's channels meanwhile. One round at a time.
 */
final class Bridge {
  private static final System.Logger LOG = System.getLogger("io.cgraph.cluster");
  static final int HEADER = 24;
  private static final int VALUE = 1;
  private static final int FAILURE = 2;
  static final int MIN_TERM = 64 * 1024;
  static final int MAX_TERM = 16 * 1024 * 1024;

  private final String graphName;
  private final Forwarder[] forwarders;
  private final Mirror[] mirrors;
  private final List<ExclusivePublication> publications = new ArrayList<>();
  private final Subscription subscription;
  private final AeronNode node;
  private final BiConsumer<String, Throwable> broken;
  private volatile boolean running;
  private long connectBy;
  private boolean connected;
  private long rounds;
  private volatile boolean failed;
  private final ControlledFragmentHandler handler = this::onFragment;
  /** Actors of this host run by the data thread itself, between receiving and sending (see ClusterOptions). */
  private HostedGraph.Inline[] inline = new HostedGraph.Inline[0];
  private byte[] scratch = new byte[0];

  /**
   * Sets up the data path of {@code spec} on host {@code local}: {@code hostOf[i]} is actor
   * {@code i}'s host, {@code driverHost} the driver's; {@code endpoints[h]} is host {@code h}'s data
   * endpoint ({@code address:port}); {@code channels[c]} is this host's ring of channel {@code c}
   * (null where this host neither writes nor reads it). Excludes the readers that live elsewhere
   * from the local rings. Nothing runs until {@link #start}.
   */
  Bridge(GraphSpec spec, AeronNode node, int streamId, int local, int driverHost, int[] hostOf, String[] endpoints,
      Channel[] channels, int ringSlots, int bufferBytes, BiConsumer<String, Throwable> broken) {
    this.graphName = spec.graphName();
    this.node = node;
    this.broken = broken;
    Aeron aeron = node.aeron();
    int term = termLength(ringSlots, bufferBytes);
    String localAddress = endpoints[local].substring(0, endpoints[local].lastIndexOf(':')); // "[::1]" stays bracketed
    ExclusivePublication[] toHost = new ExclusivePublication[endpoints.length];
    List<Forwarder> fs = new ArrayList<>();
    this.mirrors = new Mirror[spec.channelCount()];
    boolean anyMirror = false;
    try {
      for (int c = 0; c < spec.channelCount(); c++) {
        GraphSpec.ChannelSpec cs = spec.channel(c);
        int writerHost = host(cs.writer(), hostOf, driverHost);
        int[] readers = cs.readers();
        if (channels[c] == null) {
          continue;
        }
        boolean[] served = new boolean[endpoints.length];
        for (int i = 0; i < readers.length; i++) {
          int h = host(readers[i], hostOf, driverHost);
          if (h == local) {
            continue;
          }
          if (writerHost == local && !served[h]) {
            served[h] = true;
            if (toHost[h] == null) {
              // interface: the send socket (which also receives the reader's status messages) binds to
              // this host's address, not to every interface.
              toHost[h] = aeron.addExclusivePublication("aeron:udp?endpoint=" + endpoints[h] + "|interface="
                  + localAddress + "|term-length=" + term, streamId);
              publications.add(toHost[h]);
            }
            ChannelReader r = channels[c].reader(i);
            r.batched();
            fs.add(new Forwarder(c, cs.name(), r, toHost[h], h));
          } else {
            channels[c].exclude(i);
          }
        }
        if (writerHost != local) {
          ChannelWriter w = channels[c].writer();
          w.batched();
          mirrors[c] = new Mirror(cs.name(), w, writerHost);
          anyMirror = true;
        }
      }
      this.forwarders = fs.toArray(new Forwarder[0]);
      this.subscription = anyMirror ? aeron.addSubscription("aeron:udp?endpoint=" + endpoints[local], streamId) : null;
    } catch (RuntimeException e) {
      publications.forEach(Publication::close);
      throw e;
    }
  }

  /** The Aeron term length for rings of {@code ringSlots} slots of {@code slotBytes}: a power of two in [64 KiB, 16 MiB]. */
  static int termLength(int ringSlots, int slotBytes) {
    long want = (long) ringSlots * (slotBytes + 64L) * 2;
    long t = MIN_TERM;
    while (t < want && t < MAX_TERM) {
      t <<= 1;
    }
    return (int) t;
  }

  /** The host of {@code actor} (or of the driver, {@link GraphSpec#DRIVER}). */
  static int host(int actor, int[] hostOf, int driverHost) {
    return actor == GraphSpec.DRIVER ? driverHost : hostOf[actor];
  }

  /** Waits until every publication reaches its host's subscription; false if one does not by the deadline. */
  boolean awaitConnected(long deadlineNanos) {
    for (ExclusivePublication p : publications) {
      while (!p.isConnected()) {
        if (System.nanoTime() - deadlineNanos > 0) {
          return false;
        }
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  /** The data endpoints not yet connected, for an error message. */
  String unconnected() {
    StringBuilder b = new StringBuilder();
    for (Forwarder f : forwarders) {
      if (!f.publication.isConnected()) {
        b.append(b.length() == 0 ? "" : ", ").append("host ").append(f.host).append(" (channel ").append(f.name)
            .append(')');
      }
    }
    return b.toString();
  }

  /** Runs {@code actor} on the data thread, in each round after what arrived is mirrored; before {@link #start}. */
  void runInline(HostedGraph.Inline actor) {
    inline = java.util.Arrays.copyOf(inline, inline.length + 1);
    inline[inline.length - 1] = actor;
  }

  /** Hands the bridge to the data thread. */
  void start() {
    connectBy = System.nanoTime() + CONNECT_NANOS;
    connected = publications.isEmpty();
    running = true;
    node.add(this);
  }

  /** Takes the bridge off the data thread and closes its publications and subscription. Idempotent. */
  void stop() {
    running = false;
    node.remove(this);
    synchronized (publications) {
      publications.forEach(Publication::close);
      publications.clear();
      if (subscription != null) {
        subscription.close();
      }
    }
  }

  /** The data thread died: the graph cannot move data any more. */
  void dataThreadDied(Throwable e) {
    fail(graphName + ": the Aeron data thread of this JVM died: " + e, e);
  }

  /** How long a connected publication may find nobody receiving before the graph breaks. */
  static final long LOST_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** How long a bridge's publications may take to reach their hosts before the graph breaks. */
  static final long CONNECT_NANOS = TimeUnit.SECONDS.toNanos(20);

  /** Frames the forwarders offered in the last {@link #doWork()}: the media driver has them to send. */
  int sentLastRound;

  /** One round on the data thread: forwards and mirrors what it can; the amount of work done. */
  int doWork() {
    sentLastRound = 0;
    if (!running) {
      return 0;
    }
    try {
      if (!connected && (rounds++ & 1023) == 0) {
        connected = publications.stream().allMatch(Publication::isConnected);
        if (!connected && System.nanoTime() - connectBy > 0) {
          fail(notConnected(graphName, unconnected()).getMessage(), null);
          return 0;
        }
      }
      // Receive, compute (actors on this thread), send: one message crosses this host in one round.
      int work = 0;
      if (subscription != null) {
        work += subscription.controlledPoll(handler, 64);
        for (Mirror m : mirrors) {
          if (m != null) {
            m.writer.flush();
          }
        }
      }
      for (HostedGraph.Inline a : inline) {
        work += a.runReady();
      }
      int sent = 0;
      for (Forwarder f : forwarders) {
        sent += f.pump();
      }
      for (Forwarder f : forwarders) {
        f.reader.flush();
      }
      sentLastRound = sent;
      return work + sent;
    } catch (RuntimeException | Error e) {
      if (running) {
        fail(graphName + ": the data bridge on this host failed: " + e, e);
      }
      return 0;
    }
  }

  /** Stops the bridge and breaks the graph (off this thread: breaking stops the bridge). */
  private void fail(String what, Throwable cause) {
    if (failed) {
      return;
    }
    failed = true;
    running = false;
    Thread t = new Thread(() -> broken.accept(what, cause), "cgraph-" + graphName + "-break");
    t.setDaemon(true);
    t.start();
  }

  // ---------------------------------------------------------------- sending

  /** Sends one local channel's slots to one host, in order. */
  private final class Forwarder {
    final int channel;
    final String name;
    final ChannelReader reader;
    final ExclusivePublication publication;
    final int host;
    final UnsafeBuffer frame;
    final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
    final int chunk;
    long next;
    /** When offers began to find nobody connected after the first connection, or 0. */
    long lostSince;
    /** The slot being sent, or null. */
    SlotReader sending;
    int offset;

    Forwarder(int channel, String name, ChannelReader reader, ExclusivePublication publication, int host) {
      this.channel = channel;
      this.name = name;
      this.reader = reader;
      this.publication = publication;
      this.host = host;
      this.chunk = publication.maxPayloadLength() - HEADER;
      this.frame = new UnsafeBuffer(ByteBuffer.allocateDirect(publication.maxPayloadLength()));
    }

    /** Sends what it can; the number of frames sent. */
    int pump() {
      int frames = 0;
      for (int n = 0; n < 64; n++) {
        if (sending == null) {
          sending = reader.poll(next);
          if (sending == null) {
            return frames;
          }
          offset = 0;
        }
        int length = sending.length();
        int status = sending.isFailure() ? FAILURE : VALUE;
        do {
          int part = Math.min(chunk, length - offset);
          frame.putInt(0, channel);
          frame.putLong(4, next);
          frame.putInt(12, status);
          frame.putInt(16, length);
          frame.putInt(20, offset);
          if (part > 0) {
            payload.wrap(sending.address() + offset, part);
            frame.putBytes(HEADER, payload, 0, part);
          }
          long result = publication.offer(frame, 0, HEADER + part);
          if (result < 0) {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED) {
              fail(graphName + ": the publication of channel " + name + " to host " + host + " is "
                  + (result == Publication.CLOSED ? "closed" : "at its maximum position"), null);
            } else if (result == Publication.NOT_CONNECTED && connected) {
              // Connected once, and now nobody receives: the other host's data path is gone (its data
              // thread died, or UDP no longer gets through) while its control connection may be up.
              long now = System.nanoTime();
              if (lostSince == 0) {
                lostSince = now;
              } else if (now - lostSince > LOST_NANOS) {
                fail(graphName + ": host " + host + " has not received channel " + name + " for "
                    + TimeUnit.NANOSECONDS.toMillis(now - lostSince) + " ms (its Aeron subscription is gone: its data"
                    + " thread died, or UDP from this host no longer reaches it)", null);
              }
            }
            return frames; // back-pressured, not connected yet, or admin action: the slot stays held
          }
          lostSince = 0;
          offset += part;
          frames++;
        } while (offset < length);
        sending = null;
        reader.release(next);
        next++;
      }
      return frames;
    }
  }

  // ---------------------------------------------------------------- receiving

  /** This host's ring of a channel written on another host. */
  private static final class Mirror {
    final String name;
    final ChannelWriter writer;
    final int host;
    long next;
    boolean inProgress;
    int total;
    int received;
    int status;
    SlotWriter slot;
    byte[] failureBytes;

    Mirror(String name, ChannelWriter writer, int host) {
      this.name = name;
      this.writer = writer;
      this.host = host;
    }
  }

  /**
   * Aeron's poll catches what a handler throws, logs it and moves past the fragment: a failure here
   * (a mirror ring that cannot grow, a corrupt failure record, a closed channel) must break the graph
   * instead, or the message would be lost and the graph would hang.
   */
  private ControlledFragmentHandler.Action onFragment(DirectBuffer buffer, int offset, int length, Header header) {
    try {
      return receive(buffer, offset, length);
    } catch (RuntimeException | Error e) {
      fail(graphName + ": a message could not be taken into this host's ring: " + e, e);
      return ControlledFragmentHandler.Action.ABORT;
    }
  }

  /** Largest failure record taken from the network (they carry a message and at most 64 stack frames). */
  static final int MAX_FAILURE_BYTES = 4 << 20;

  private ControlledFragmentHandler.Action receive(DirectBuffer buffer, int offset, int length) {
    if (failed) {
      return ControlledFragmentHandler.Action.ABORT;
    }
    if (length < HEADER) {
      fail(graphName + ": a message of " + length + " bytes arrived, shorter than its header", null);
      return ControlledFragmentHandler.Action.ABORT;
    }
    int channel = buffer.getInt(offset);
    long seq = buffer.getLong(offset + 4);
    int status = buffer.getInt(offset + 12);
    int total = buffer.getInt(offset + 16);
    int at = buffer.getInt(offset + 20);
    int part = length - HEADER;
    Mirror m = channel >= 0 && channel < mirrors.length ? mirrors[channel] : null;
    if (m == null) {
      fail(graphName + ": a message for channel " + channel + " arrived, which this host does not mirror", null);
      return ControlledFragmentHandler.Action.ABORT;
    }
    if (at == 0 && !m.inProgress) {
      if (seq != m.next) {
        fail(graphName + ": channel " + m.name + " from host " + m.host + " delivered execution " + seq
            + " where " + m.next + " was next (" + (seq < m.next ? "a duplicate" : "a gap") + "); the graph"
            + " cannot tell what was lost", null);
        return ControlledFragmentHandler.Action.ABORT;
      }
      if (status != VALUE && status != FAILURE || total < 0 || part > total
          || status == FAILURE && total > MAX_FAILURE_BYTES) {
        fail(graphName + ": channel " + m.name + ": a corrupt message arrived (status " + status + ", length "
            + total + ")", null);
        return ControlledFragmentHandler.Action.ABORT;
      }
      if (!m.writer.hasRoom(seq)) {
        return ControlledFragmentHandler.Action.ABORT; // back-pressure: Aeron keeps the message for the next poll
      }
      m.inProgress = true;
      m.total = total;
      m.status = status;
      m.received = 0;
      if (status == VALUE) {
        m.slot = m.writer.claim(seq);
      } else {
        m.failureBytes = new byte[total];
      }
    } else if (!m.inProgress || seq != m.next || at != m.received || m.received + part > m.total) {
      fail(graphName + ": channel " + m.name + " from host " + m.host + ": part of execution " + seq + " at byte "
          + at + " arrived out of order (expected execution " + m.next + " at byte " + m.received + ")", null);
      return ControlledFragmentHandler.Action.ABORT;
    }
    if (part > 0) {
      if (m.status == VALUE) {
        if (buffer.byteArray() != null) { // a heap buffer (not Aeron's mapped terms): copy through an array
          if (scratch.length < part) {
            scratch = new byte[part];
          }
          buffer.getBytes(offset + HEADER, scratch, 0, part);
          m.slot.writeRaw(scratch, 0, part);
        } else {
          m.slot.writeRaw(buffer.addressOffset() + offset + HEADER, part);
        }
      } else {
        buffer.getBytes(offset + HEADER, m.failureBytes, m.received, part);
      }
      m.received += part;
    }
    if (m.received == m.total) {
      if (m.status == VALUE) {
        m.writer.publish(seq);
      } else {
        ByteBuffer direct = ByteBuffer.allocateDirect(Math.max(1, m.total));
        direct.put(m.failureBytes).flip();
        SlotReader r = new SlotReader();
        r.attach(direct, m.total, true);
        m.writer.publishFailure(seq, Failure.readFrom(r));
      }
      m.slot = null;
      m.failureBytes = null;
      m.inProgress = false;
      m.next++;
    }
    return ControlledFragmentHandler.Action.CONTINUE;
  }

  @Override
  public String toString() {
    return "Bridge[" + graphName + ", " + forwarders.length + " forwarders, "
        + Arrays.stream(mirrors).filter(m -> m != null).count() + " mirrors]";
  }

  static CGraphException notConnected(String graph, String what) {
    return new CGraphException(graph + ": no data connection to " + what + " (Aeron UDP); check that the host's data"
        + " address is reachable from here and not blocked by a firewall");
  }
}
