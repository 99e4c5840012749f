package io.cgraph.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The static shape of a graph, built once by generated code: actors, channels (channel 0 is
 * always the driver's input channel) and the channels the driver reads results from.
 *
 * <pre>{@code
 * GraphSpec.builder("ScoringGraph", 8, 256)
 *     .actor("tok", "com.example.Tokenizer")            // actor 0
 *     .actor("model", "com.example.Model")              // actor 1
 *     .channel("input", GraphSpec.DRIVER, 0)            // channel 0: driver -> tok
 *     .channel("tok.encode", 0, 1)                      // channel 1: tok -> model
 *     .channel("model.score", 1, GraphSpec.DRIVER)      // channel 2: model -> driver
 *     .outputs(2)
 *     .build();
 * }</pre>
 */
public final class GraphSpec {
  /** Stands for the driver (the caller of execute/get) as a channel writer or reader. */
  public static final int DRIVER = -1;

  /**
   * One channel: its writer and its readers (actor indices or {@link #DRIVER}).
   *
   * @param ring the collective whose ring this channel is part of ({@link #ring(String, int, int,
   *     int)}), or -1 for a channel that carries one value per execution
   */
  public record ChannelSpec(String name, int writer, int[] readers, int ring) {
    /** A channel that carries one value per execution. */
    public ChannelSpec(String name, int writer, int[] readers) {
      this(name, writer, readers, -1);
    }

    /** Whether this channel is one hop of a collective's ring (several messages per execution). */
    public boolean isRing() {
      return ring >= 0;
    }
  }

  private final String graphName;
  private final String graphType;
  private final int maxInflight;
  private final int bufferBytes;
  private final List<String> actorNames;
  private final List<String> actorTypes;
  private final List<ChannelSpec> channels;
  private final int[] outputs;

  private GraphSpec(Builder b) {
    this.graphName = b.graphName;
    this.graphType = b.graphType != null ? b.graphType : b.graphName;
    this.maxInflight = b.maxInflight;
    this.bufferBytes = b.bufferBytes;
    this.actorNames = List.copyOf(b.actorNames);
    this.actorTypes = List.copyOf(b.actorTypes);
    this.channels = List.copyOf(b.channels);
    this.outputs = b.outputs.clone();
  }

  /** Starts a spec for the generated class {@code graphName} with its {@code @Graph} defaults. */
  public static Builder builder(String graphName, int maxInflight, int bufferBytes) {
    return new Builder(graphName, maxInflight, bufferBytes);
  }

  public String graphName() {
    return graphName;
  }

  /** The generated graph class's qualified name (its simple name when the spec does not say). */
  public String graphType() {
    return graphType;
  }

  public int maxInflight() {
    return maxInflight;
  }

  public int bufferBytes() {
    return bufferBytes;
  }

  public int actorCount() {
    return actorNames.size();
  }

  public String actorName(int actor) {
    return actorNames.get(actor);
  }

  public String actorType(int actor) {
    return actorTypes.get(actor);
  }

  public int channelCount() {
    return channels.size();
  }

  public ChannelSpec channel(int index) {
    return channels.get(index);
  }

  /** The channels the driver reads for each execution's result, in {@code Ref.decode} order. */
  public int[] outputs() {
    return outputs.clone();
  }

  /**
   * The slots channel {@code channel} needs when an ordinary channel gets {@code slots} (a power of
   * two at least {@code maxInflight}), {@code mirror}: this is the copy of a channel written on
   * another host. A ring hop carries up to {@code 2(N-1)} messages per execution and a rank may send
   * them all before its successor starts: within one host a full hop only makes the sender wait, but
   * a full mirror stalls every other channel of the sending host's stream, so a mirrored hop gets
   * that many times the slots. (Unmirrored hops keep the few slots that stay in cache: 16 times the
   * slots took 1 MiB allReduce from 2.3x to 1.4x of the gather/scatter graph, in runs a few minutes apart.)
   */
  public int slots(int channel, int slots, boolean mirror) {
    if (!mirror || !channels.get(channel).isRing()) {
      return slots;
    }
    int participants = collectiveParticipants(collectiveOf(channel)).length;
    long want = (long) slots * 2 * (participants - 1);
    return want <= 1 ? 1 : (int) Math.min(1 << 30, Long.highestOneBit(want - 1) << 1);
  }

  /** How many collectives the graph has (distinct rings, in program order). */
  public int collectiveCount() {
    return rings().length;
  }

  /** The index among the graph's collectives of the collective that ring hop {@code channel} belongs to. */
  public int collectiveOf(int channel) {
    int ring = channels.get(channel).ring();
    int[] rings = rings();
    for (int i = 0; i < rings.length; i++) {
      if (rings[i] == ring) {
        return i;
      }
    }
    throw new IllegalArgumentException(graphName + ": channel " + channels.get(channel).name() + " is no ring hop");
  }

  /** Collective {@code index}'s name: the local it binds ({@code sum} of hops {@code sum.ring0, ...}). */
  public String collectiveName(int index) {
    String hop = hops(index).get(0).name();
    int dot = hop.lastIndexOf(".ring");
    return dot < 0 ? hop : hop.substring(0, dot);
  }

  /** Collective {@code index}'s participants in rank order: each hop's writer, then a chain's last reader. */
  public int[] collectiveParticipants(int index) {
    List<Integer> p = new ArrayList<>();
    List<ChannelSpec> hops = hops(index);
    hops.forEach(h -> p.add(h.writer()));
    int last = hops.get(hops.size() - 1).readers()[0];
    if (!p.contains(last)) {
      p.add(last);
    }
    return p.stream().mapToInt(Integer::intValue).toArray();
  }

  private List<ChannelSpec> hops(int index) {
    int ring = rings()[index];
    return channels.stream().filter(c -> c.ring() == ring).collect(java.util.stream.Collectors.toList());
  }

  private int[] rings() {
    return channels.stream().mapToInt(ChannelSpec::ring).filter(r -> r >= 0).distinct().toArray();
  }

  /** Position of {@code reader} (actor index or {@link #DRIVER}) among channel {@code ch}'s readers, or -1. */
  public int readerIndex(int ch, int reader) {
    int[] readers = channels.get(ch).readers();
    for (int i = 0; i < readers.length; i++) {
      if (readers[i] == reader) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether actor {@code actor}'s step waits, within one execution, for a channel whose writer
   * depends on this actor's own earlier output ({@code a.f -> b.g -> a.h}), or takes part in a
   * collective: such a step cannot be gated on all its inputs up front, so it needs a thread of its
   * own, and its ends signal on every publish and release (no batching).
   */
  public boolean waitsOnItself(int actor) {
    if (gates(actor).length != readChannels(actor).length) {
      return true;
    }
    // a collective's participant waits for its peers mid-step, and they for what it sends then
    for (ChannelSpec c : channels) {
      if (c.isRing() && c.writer() == actor) {
        return true;
      }
    }
    return false;
  }

  /**
   * The channels actor {@code actor} reads whose values do not depend on its own output in the same
   * execution: once all of them hold an execution, the actor's step for it runs without waiting
   * (unless {@link #waitsOnItself}).
   */
  public int[] gates(int actor) {
    boolean[] depends = dependsOn(actor);
    return java.util.Arrays.stream(readChannels(actor)).filter(c -> !depends[c] && !channels.get(c).isRing())
        .toArray();
  }

  /** The channels actor {@code actor} reads, ascending. */
  public int[] readChannels(int actor) {
    List<Integer> read = new ArrayList<>();
    for (int c = 0; c < channels.size(); c++) {
      if (readerIndex(c, actor) >= 0) {
        read.add(c);
      }
    }
    return read.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * For each channel, whether its value may depend, within one execution, on something actor
   * {@code actor} writes. Channels are numbered in program order, so a channel can only depend on
   * lower-numbered ones: those its writer reads (an over-approximation, since the writer may read
   * one only after producing this one). A hop of a collective's ring depends on every participant of
   * that ring (the ring closes on itself), and ring hops are never gates: they carry several
   * messages per execution, read in the middle of the step.
   */
  private boolean[] dependsOn(int actor) {
    boolean[] depends = new boolean[channels.size()];
    for (int c = 0; c < depends.length; c++) {
      int writer = channels.get(c).writer();
      int ring = channels.get(c).ring();
      if (ring >= 0) {
        // A ring is one unit, its hops contiguous: every hop's later messages depend on every hop's
        // earlier ones, so all of them depend on the actor when one hop's writer reads anything that does.
        if (c > 0 && channels.get(c - 1).ring() == ring) {
          depends[c] = depends[c - 1];
          continue;
        }
        boolean d = inRingOf(c, actor);
        for (int h = c; !d && h < depends.length && channels.get(h).ring() == ring; h++) {
          int hopWriter = channels.get(h).writer();
          for (int e = 0; e < c && !d; e++) {
            d = depends[e] && readerIndex(e, hopWriter) >= 0;
          }
        }
        depends[c] = d;
      } else if (writer == actor) {
        depends[c] = true;
      } else if (writer != DRIVER) {
        for (int e = 0; e < c && !depends[c]; e++) {
          depends[c] = depends[e] && readerIndex(e, writer) >= 0;
        }
      }
    }
    return depends;
  }

  /** Whether channel {@code c} is a ring hop of a collective in which {@code actor} takes part. */
  private boolean inRingOf(int c, int actor) {
    int ring = channels.get(c).ring();
    if (ring < 0) {
      return false;
    }
    for (ChannelSpec other : channels) {
      if (other.ring() == ring && (other.writer() == actor || java.util.Arrays.stream(other.readers())
          .anyMatch(r -> r == actor))) {
        return true;
      }
    }
    return false;
  }

  /** Builds a {@link GraphSpec}; {@link #build()} checks that the shape is consistent. */
  public static final class Builder {
    private final String graphName;
    private String graphType;
    private final int maxInflight;
    private final int bufferBytes;
    private final List<String> actorNames = new ArrayList<>();
    private final List<String> actorTypes = new ArrayList<>();
    private final List<ChannelSpec> channels = new ArrayList<>();
    private int[] outputs = new int[0];

    private Builder(String graphName, int maxInflight, int bufferBytes) {
      this.graphName = Objects.requireNonNull(graphName, "graphName");
      this.maxInflight = maxInflight;
      this.bufferBytes = bufferBytes;
    }

    /** The generated graph class's qualified name (the journal records it, so tools can decode it). */
    public Builder type(String qualifiedName) {
      this.graphType = Objects.requireNonNull(qualifiedName, "qualifiedName");
      return this;
    }

    /** Adds the next actor (indices count from 0 in call order). */
    public Builder actor(String name, String type) {
      actorNames.add(Objects.requireNonNull(name, "name"));
      actorTypes.add(Objects.requireNonNull(type, "type"));
      return this;
    }

    /** Adds the next channel (indices count from 0; channel 0 is the driver's input channel). */
    public Builder channel(String name, int writer, int... readers) {
      channels.add(new ChannelSpec(Objects.requireNonNull(name, "name"), writer, readers.clone()));
      return this;
    }

    /**
     * Adds the next channel as one hop of collective {@code ring}'s ring: {@code writer} sends its
     * chunks to {@code reader}, several messages per execution ({@link Collective}).
     */
    public Builder ring(String name, int ring, int writer, int reader) {
      if (ring < 0) {
        throw new IllegalArgumentException("ring " + ring);
      }
      channels.add(new ChannelSpec(Objects.requireNonNull(name, "name"), writer, new int[] {reader}, ring));
      return this;
    }

    /** Adds a channel as {@link #channel} or {@link #ring} does, by its spec (the worker protocol's path). */
    public Builder channel(ChannelSpec spec) {
      channels.add(new ChannelSpec(spec.name(), spec.writer(), spec.readers().clone(), spec.ring()));
      return this;
    }

    /** The channels the driver reads results from, in decode order. */
    public Builder outputs(int... channelIndices) {
      this.outputs = channelIndices.clone();
      return this;
    }

    public GraphSpec build() {
      if (actorNames.isEmpty()) {
        throw new IllegalStateException(graphName + ": a graph needs at least one actor");
      }
      if (channels.isEmpty() || channels.get(0).writer() != DRIVER) {
        throw new IllegalStateException(graphName + ": channel 0 must be the driver's input channel");
      }
      for (int i = 0; i < channels.size(); i++) {
        ChannelSpec c = channels.get(i);
        if (c.readers().length == 0) {
          throw new IllegalStateException(graphName + ": channel " + c.name() + " has no reader");
        }
        if (c.writer() < DRIVER || c.writer() >= actorNames.size()) {
          throw new IllegalStateException(graphName + ": channel " + c.name() + " has an unknown writer " + c.writer());
        }
        for (int r : c.readers()) {
          if (r < DRIVER || r >= actorNames.size()) {
            throw new IllegalStateException(graphName + ": channel " + c.name() + " has an unknown reader " + r);
          }
        }
        if (c.isRing() && (c.writer() == DRIVER || c.readers()[0] == DRIVER || c.writer() == c.readers()[0])) {
          throw new IllegalStateException(graphName + ": ring channel " + c.name() + " must join two actors");
        }
      }
      if (outputs.length == 0) {
        throw new IllegalStateException(graphName + ": a graph needs at least one output channel");
      }
      for (int o : outputs) {
        if (o <= 0 || o >= channels.size()) {
          throw new IllegalStateException(graphName + ": output channel " + o + " does not exist");
        }
      }
      return new GraphSpec(this);
    }
  }
}
