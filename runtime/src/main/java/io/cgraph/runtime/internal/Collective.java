package io.cgraph.runtime.internal;

import io.cgraph.annotations.ReduceOp;
import io.cgraph.runtime.Failure;
import java.util.Objects;

/**
 * One participant's end of a collective ({@code io.cgraph.annotations.Collectives}) in a compiled
 * graph: the generated step of each participant calls it at the collective's place in program
 * order. When every participant runs in the driver's JVM they meet in place ({@link Rendezvous}:
 * each reads the others' arrays between two barriers, see {@link #meet}); otherwise they exchange
 * their chunks through the ring hops of the graph's spec ({@link GraphSpec.Builder#ring}), rank
 * {@code r} sending to rank {@code r + 1}, across worker processes and hosts alike (and in one JVM
 * with {@code -Dcgraph.collectives=ring}). No driver hop either way.
 *
 * <p><b>Algorithms</b> ({@code N} participants, arrays of {@code L} elements split in {@code N}
 * chunks, chunk {@code k} = {@code [k*L/N, (k+1)*L/N)}):
 * <ul>
 *   <li>reduce-scatter, {@code N - 1} steps: at step {@code s} rank {@code r} sends chunk
 *       {@code r-s-1} and receives chunk {@code r-s-2}, which it combines with its own elements
 *       ({@code partial op mine}); rank {@code r} ends with chunk {@code r} fully reduced, accumulated
 *       from rank {@code r+1} round to rank {@code r} (the order {@code Collectives} documents);
 *   <li>all-gather, {@code N - 1} steps: at step {@code s} rank {@code r} sends block {@code r-s}
 *       and receives block {@code r-s-1};
 *   <li>all-reduce: reduce-scatter, then all-gather of the reduced chunks ({@code 2(N-1)} steps);
 *   <li>broadcast: the root (rank 0) sends its array in {@code N} chunks down the chain
 *       {@code 0 -> 1 -> ... -> N-1}, each rank passing every chunk on as it arrives.
 * </ul>
 * Every message starts with the sender's array length; a receiver whose own length differs fails
 * the execution ({@code IllegalArgumentException}, reported at once as the fast-fail rule asks). A
 * failure (an upstream call that threw, a length mismatch) travels on in place of the chunks, so
 * every participant finishes every step of every execution: the rings stay in step and the graph
 * stays usable. Ring hop {@code r} carries {@link #messagesPerExecution} messages per execution,
 * numbered {@code execution * perExecution + step}.
 *
 * <p>Used by one participant's thread; each call returns a fresh array the participant owns.
 */
public final class Collective {
  /** What a collective computes. */
  public enum Kind {
    ALL_REDUCE("allReduce"),
    ALL_GATHER("allGather"),
    REDUCE_SCATTER("reduceScatter"),
    BROADCAST("broadcast");

    private final String method;

    Kind(String method) {
      this.method = method;
    }

    /** The {@code Collectives} method, as failures and events name it. */
    public String method() {
      return method;
    }
  }

  private final ActorContext ctx;
  private final String name;
  private final Kind kind;
  private final ReduceOp op;
  private final int rank;
  private final int size;
  private final ChannelWriter send;
  private final ChannelReader receive;
  private final long perSend;
  private final long perReceive;
  private final int index;
  /** Where the participants meet when they all run in this JVM; null: the ring over the channels. */
  private final Rendezvous shared;
  private static final long[] NO_META = new long[0];
  /** Elements of the sum reduced at a time in place: 16 KiB of floats, well inside a core's L1/L2 cache. */
  private static final int REDUCE_BLOCK = 4096;

  private Failure failure;
  /** What every message of this run carries besides its length: a tensor's dtype and shape, else nothing. */
  private long[] meta = NO_META;
  /** Whether {@link #meta} is still to be learnt from the first message (a broadcast receiver of a tensor). */
  private boolean learnMeta;
  private Element learnt;

  private Collective(ActorContext ctx, String name, Kind kind, ReduceOp op, int rank, int size, int sendChannel,
      int receiveChannel) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.name = Objects.requireNonNull(name, "name");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.op = op;
    if (size < 2 || rank < 0 || rank >= size) {
      throw new IllegalArgumentException(name + ": rank " + rank + " of " + size);
    }
    this.rank = rank;
    this.size = size;
    this.send = sendChannel < 0 ? null : ctx.writer(sendChannel);
    this.receive = receiveChannel < 0 ? null : ctx.reader(receiveChannel);
    this.perSend = send == null ? 0 : messagesPerExecution(kind, size);
    this.perReceive = receive == null ? 0 : messagesPerExecution(kind, size);
    this.index = ctx.collectiveOf(sendChannel >= 0 ? sendChannel : receiveChannel);
    this.shared = ctx.rendezvous(index);
  }

  /**
   * Rank {@code rank}'s end of collective {@code name} among {@code size} participants: it writes
   * ring hop {@code sendChannel} and reads hop {@code receiveChannel} (-1: none, the ends of a
   * broadcast's chain). {@code op} is null unless the kind reduces.
   */
  public static Collective of(ActorContext ctx, String name, Kind kind, ReduceOp op, int rank, int size,
      int sendChannel, int receiveChannel) {
    if ((kind == Kind.ALL_REDUCE || kind == Kind.REDUCE_SCATTER) != (op != null)) {
      throw new IllegalArgumentException(name + ": " + kind.method() + (op == null ? " needs" : " takes no")
          + " reduce op");
    }
    return new Collective(ctx, name, kind, op, rank, size, sendChannel, receiveChannel);
  }

  /** How many messages one ring hop carries per execution. */
  public static int messagesPerExecution(Kind kind, int size) {
    return switch (kind) {
      case ALL_REDUCE -> 2 * (size - 1);
      case ALL_GATHER, REDUCE_SCATTER -> size - 1;
      case BROADCAST -> size;
    };
  }

  /** This participant's result for {@code execution}, or null with {@link #failure()} set. */
  public float[] floats(long execution, float[] mine, Failure upstream) {
    return (float[]) run(execution, Element.FLOAT, mine, upstream);
  }

  /** As {@link #floats}, for {@code double[]}. */
  public double[] doubles(long execution, double[] mine, Failure upstream) {
    return (double[]) run(execution, Element.DOUBLE, mine, upstream);
  }

  /** As {@link #floats}, for {@code int[]}. */
  public int[] ints(long execution, int[] mine, Failure upstream) {
    return (int[]) run(execution, Element.INT, mine, upstream);
  }

  /** As {@link #floats}, for {@code long[]}. */
  public long[] longs(long execution, long[] mine, Failure upstream) {
    return (long[]) run(execution, Element.LONG, mine, upstream);
  }

  /**
   * As {@link #floats}, for the elements of a {@code DeviceTensor} ({@code io.cgraph.gpu}): {@code mine}
   * is a {@code float[]}, {@code double[]}, {@code int[]} or {@code long[]} (null for a broadcast's
   * receiver), {@code meta} its dtype ordinal (in that order) and shape, which travel with every chunk:
   * a peer whose meta differs fails the execution as a length mismatch does. A broadcast's receiver
   * passes null for both and learns the root's from {@link #meta()}.
   */
  public Object elements(long execution, Object mine, Failure upstream, long[] meta) {
    Element e = mine == null ? null : Element.of(mine);
    if (mine == null && !(kind == Kind.BROADCAST && rank > 0) && upstream == null) {
      return run(execution, Element.FLOAT, null, null, NO_META, false);
    }
    return run(execution, e, mine, upstream, meta == null ? NO_META : meta, meta == null);
  }

  /** The meta of the last run: this participant's own, or what a broadcast's receiver learnt from the root. */
  public long[] meta() {
    return meta.clone();
  }

  /**
   * Fails this participant's part of the current execution with {@code thrown} (reported at once, as
   * a failing call is): for what goes wrong around the ring, such as turning its result into a
   * device tensor. Pass the returned failure as the next run's upstream failure when it happened
   * before the ring, so that the ring carries it to the peers.
   */
  public Failure fail(Throwable thrown) {
    failure = ctx.failure(thrown, kind.method());
    return failure;
  }

  /** Why the last call returned null: an upstream failure, a peer's, or a length mismatch; else null. */
  public Failure failure() {
    return failure;
  }

  /** What this collective computes. */
  public Kind kind() {
    return kind;
  }

  /** How many participants take part. */
  public int size() {
    return size;
  }

  /** This participant's rank (a broadcast's root is 0). */
  public int rank() {
    return rank;
  }

  /** How the kind reduces, or null for allGather and broadcast. */
  public ReduceOp op() {
    return op;
  }

  /** Element {@code k * length / size}: where chunk {@code k} of {@code length} elements starts (chunk {@code size}: the end). */
  public int chunkStart(int k, int length) {
    return chunk(k, length);
  }

  private Object run(long execution, Element e, Object mine, Failure upstream) {
    return run(execution, e, mine, upstream, NO_META, false);
  }

  private Object run(long execution, Element e, Object mine, Failure upstream, long[] meta, boolean learnMeta) {
    long start = System.nanoTime();
    this.meta = meta;
    this.learnMeta = learnMeta;
    this.learnt = e;
    failure = upstream;
    if (failure == null && mine == null && !(kind == Kind.BROADCAST && rank > 0)) {
      failure = ctx.failure(new NullPointerException(name + " = Collectives." + kind.method() + "(...): participant '"
          + ctx.name() + "' (rank " + rank + ") contributed null"), kind.method());
    }
    int length = mine == null ? -1 : e.length(mine);
    Object result = shared != null ? shared(e, mine, length) : switch (kind) {
      case ALL_REDUCE -> allReduce(execution, e, mine, length);
      case ALL_GATHER -> allGather(execution, e, mine, length);
      case REDUCE_SCATTER -> reduceScatter(execution, e, mine, length);
      case BROADCAST -> broadcast(execution, e, mine, length);
    };
    ctx.probe().collective(index, System.nanoTime() - start); // the probe holds the counters stats() reads
    return failure == null ? result : null;
  }

  private Object allReduce(long execution, Element e, Object mine, int length) {
    Object out = failure == null ? e.allocate(length) : null;
    reduceScatterSteps(execution, e, mine, out, length);
    int base = size - 1;
    for (int s = 0; s < size - 1; s++) {
      int sent = Math.floorMod(rank - s, size);
      sendChunk(execution, base + s, e, out, length, chunk(sent, length), chunk(sent + 1, length));
      int got = Math.floorMod(rank - s - 1, size);
      receiveChunk(execution, base + s, e, out, length, chunk(got, length), chunk(got + 1, length), null);
    }
    return out;
  }

  private Object reduceScatter(long execution, Element e, Object mine, int length) {
    Object work = failure == null ? e.allocate(length) : null;
    reduceScatterSteps(execution, e, mine, work, length);
    if (failure != null) {
      return null;
    }
    int from = chunk(rank, length);
    int to = chunk(rank + 1, length);
    Object share = e.allocate(to - from);
    System.arraycopy(work, from, share, 0, to - from);
    return share;
  }

  /** The {@code N - 1} reduce-scatter steps into {@code out}; rank {@code r} ends owning chunk {@code r}. */
  private void reduceScatterSteps(long execution, Element e, Object mine, Object out, int length) {
    for (int s = 0; s < size - 1; s++) {
      int sent = Math.floorMod(rank - s - 1, size);
      sendChunk(execution, s, e, s == 0 ? mine : out, length, chunk(sent, length), chunk(sent + 1, length));
      int got = Math.floorMod(rank - s - 2, size);
      receiveChunk(execution, s, e, out, length, chunk(got, length), chunk(got + 1, length), mine);
    }
  }

  private Object allGather(long execution, Element e, Object mine, int length) {
    Object out = null;
    if (failure == null) {
      long total = (long) length * size;
      if (total > Integer.MAX_VALUE - 8) {
        failure = tooLargeToGather(length);
      } else {
        out = e.allocate((int) total);
        System.arraycopy(mine, 0, out, rank * length, length);
      }
    }
    for (int s = 0; s < size - 1; s++) {
      int sent = Math.floorMod(rank - s, size);
      sendChunk(execution, s, e, out, length, sent * length, (sent + 1) * length);
      int got = Math.floorMod(rank - s - 1, size);
      receiveChunk(execution, s, e, out, length, got * length, (got + 1) * length, null);
    }
    return out;
  }

  private Object broadcast(long execution, Element e, Object mine, int length) {
    Object out = rank == 0 && failure == null ? e.allocate(length) : null;
    if (out != null) {
      System.arraycopy(mine, 0, out, 0, length);
    }
    int known = length; // the root's length, learnt from the first chunk on the other ranks
    for (int k = 0; k < size; k++) {
      if (receive != null) {
        SlotReader r = receive.await(execution * perReceive + k);
        if (r.isFailure()) {
          if (failure == null) {
            failure = r.failure();
          }
        } else {
          int n = r.readInt();
          long[] theirs = readMeta(r);
          if (failure == null) {
            if (out == null) {
              if (learnMeta) {
                meta = theirs;
                learnt = Element.values()[(int) theirs[0]];
              }
              out = learnt.allocate(n);
              known = n;
            }
            int from = chunk(k, known);
            r.readElements(out, learnt.base, learnt.shift, from, chunk(k + 1, known) - from);
          }
        }
        receive.release(execution * perReceive + k);
      }
      if (send != null) {
        sendChunk(execution, k, learnt, out, known, chunk(k, known), chunk(k + 1, known));
      }
    }
    return out;
  }

  /** Sends elements {@code [from, to)} of {@code array} as step {@code step}, or the failure. */
  private void sendChunk(long execution, int step, Element e, Object array, int length, int from, int to) {
    long seq = execution * perSend + step;
    if (failure != null) {
      send.publishFailure(seq, failure);
      return;
    }
    SlotWriter w = send.claim(seq);
    try {
      w.writeInt(length);
      w.writeInt(meta.length);
      for (long m : meta) {
        w.writeLong(m);
      }
      w.writeElements(array, e.base, e.shift, from, to - from);
      send.publish(seq);
    } catch (RuntimeException x) {
      failure = ctx.failure(x, kind.method());
      send.publishFailure(seq, failure);
    }
  }

  /**
   * Receives step {@code step} into elements {@code [from, to)} of {@code out}: copies it, or, with
   * {@code mine}, combines it ({@code received op mine}).
   */
  private void receiveChunk(long execution, int step, Element e, Object out, int length, int from, int to,
      Object mine) {
    long seq = execution * perReceive + step;
    SlotReader r = receive.await(seq);
    try {
      if (r.isFailure()) {
        if (failure == null) {
          failure = r.failure();
        }
      } else if (failure == null) {
        int theirs = r.readInt();
        long[] theirMeta = readMeta(r);
        failure = mismatch(theirs, theirMeta, length);
        if (failure == null) {
          r.readElements(out, e.base, e.shift, from, to - from);
          if (mine != null) {
            e.combine(op, out, mine, from, to);
          }
        }
      }
    } finally {
      receive.release(seq);
    }
  }

  /**
   * The failure (reported) when the predecessor's length or meta differs from this participant's,
   * else null.
   */
  private Failure mismatch(int theirs, long[] theirMeta, int length) {
    int peer = Math.floorMod(rank - 1, size);
    if (!java.util.Arrays.equals(theirMeta, meta)) {
      return ctx.failure(new IllegalArgumentException(name + " = " + kind.method() + "(...): participant rank "
          + peer + " has a " + describeMeta(theirMeta) + " tensor, '" + ctx.name() + "' (rank " + rank + ") a "
          + describeMeta(meta) + " one; all must have the same dtype and shape"), kind.method());
    }
    if (theirs != length) {
      return ctx.failure(new IllegalArgumentException(name + " = Collectives." + kind.method()
          + "(...): participant rank " + peer + " has " + theirs + " elements, '" + ctx.name() + "' (rank "
          + rank + ") has " + length + "; all must have the same length"), kind.method());
    }
    return null;
  }

  /**
   * The collective of arrays with participants that all run in this JVM ({@link Rendezvous}): each
   * reads the others' arrays in place between the barriers of {@link #meet}, rank {@code r}
   * reducing chunk {@code r} in the ring's order, so the result is the ring's bit for bit.
   */
  private Object shared(Element e, Object mine, int length) {
    Rendezvous z = shared;
    if (failure == null && kind == Kind.ALL_GATHER && (long) length * size > Integer.MAX_VALUE - 8) {
      failure = tooLargeToGather(length);
    }
    if (rank == 0 && failure == null && kind == Kind.REDUCE_SCATTER && (z.sum == null || Element.of(z.sum) != e
        || e.length(z.sum) != length)) {
      z.sum = e.allocate(length);
    }
    // An allReduce's participants write every reduced block straight into each other's results.
    // Every element of it is written before the participant returns it (else it is dropped): not zeroed first.
    Object out = failure == null && kind == Kind.ALL_REDUCE ? RawMemory.uninitializedArray(e.component, length)
        : null;
    return meet(mine, length, out, (operands, results, n) -> {
      int from = chunk(rank, n);
      int to = chunk(rank + 1, n);
      return switch (kind) {
        case ALL_REDUCE -> {
          reduceChunk(e, operands, results[rank], from, to, results);
          yield results[rank];
        }
        case REDUCE_SCATTER -> {
          Object sum = z.sum; // rank 0 replaces it only after the second barrier
          reduceChunk(e, operands, sum, from, to, null);
          yield e.copy(sum, from, to);
        }
        case ALL_GATHER -> {
          Object all = e.allocate(n * size);
          for (int j = 0; j < size; j++) {
            System.arraycopy(operands[j], 0, all, j * n, n);
          }
          yield all;
        }
        case BROADCAST -> learnt.copy(operands[0], 0, n);
      };
    });
  }

  /** What a participant computes in place, between the barriers of a collective whose participants all run in one JVM. */
  @FunctionalInterface
  public interface InPlaceWork {
    /**
     * This participant's result, computed from the others' operands and written, where the kind
     * calls for it, into the others' prepared results; every operand and result stays untouched by
     * its owner until all participants are done.
     *
     * @param operands every participant's operand by rank (a broadcast: the root's at 0, the others null)
     * @param results every participant's prepared result by rank (null where none was prepared)
     * @param length the operands' length (a broadcast's receiver: the root's)
     * @return this participant's result
     */
    Object run(Object[] operands, Object[] results, int length);
  }

  /**
   * Whether the participants meet in place (all run in this JVM, see {@link #meet}); otherwise
   * their data goes round the ring of channels.
   */
  public boolean inPlace() {
    return shared != null;
  }

  /**
   * This participant's part of {@code execution} when the participants meet in place
   * ({@link #inPlace()}), for operands other than arrays (a {@code DeviceTensor}): publishes
   * {@code mine} and {@code prepared}, waits for every participant, runs {@code work} unless a
   * participant brought a failure or a length or meta that differs from its predecessor's, and
   * waits for every participant again. Returns the work's result, or null with {@link #failure()}
   * set (then the caller disposes of {@code prepared}, and of what its work made, if it ran); a
   * work that throws a {@code RuntimeException} fails the execution for all. {@code meta} and a
   * broadcast receiver's learning it are as in {@link #elements}. Throws what the graph's liveness
   * throws when it is closed or breaks meanwhile; then peers may still be reading this
   * participant's operand and writing its prepared result, so the caller must not free them.
   */
  public Object meet(long execution, Object mine, int length, long[] meta, Failure upstream, Object prepared,
      InPlaceWork work) {
    if (shared == null) {
      throw new IllegalStateException(name + ": the participants do not run in one JVM; use the ring");
    }
    long start = System.nanoTime();
    this.meta = meta == null ? NO_META : meta;
    this.learnMeta = meta == null;
    this.learnt = null;
    failure = upstream;
    if (failure == null && mine == null && !(kind == Kind.BROADCAST && rank > 0)) {
      failure = ctx.failure(new NullPointerException(name + " = Collectives." + kind.method() + "(...): participant '"
          + ctx.name() + "' (rank " + rank + ") contributed null"), kind.method());
    }
    Object result = meet(mine, mine == null ? -1 : length, prepared, work);
    ctx.probe().collective(index, System.nanoTime() - start);
    return result;
  }

  /**
   * The meeting of {@link Rendezvous}: every participant publishes its operand (and its prepared
   * result) and arrives; after the first barrier each sees every operand, length, meta and
   * failure, so all skip the work alike when one failed or differs; each runs its work and arrives
   * again, after which nobody touches another's operand or result.
   */
  private Object meet(Object mine, int length, Object prepared, InPlaceWork work) {
    Rendezvous z = shared;
    z.results[rank] = prepared;
    z.operands[rank] = failure == null ? mine : null;
    z.lengths[rank] = length;
    z.metas[rank] = meta;
    z.failures[rank] = failure;
    z.arrive(rank);
    // Written only between the barriers: a slower peer may still read the last execution's verdicts
    // after the second barrier, but not once it has arrived at this one's first.
    z.verdicts[rank] = null;
    boolean mismatch = false;
    if (failure == null) {
      failure = z.firstFailure();
    }
    if (failure == null && kind == Kind.BROADCAST) {
      if (rank > 0) {
        if (learnMeta) {
          meta = z.metas[0];
          learnt = Element.values()[(int) meta[0]];
        }
        length = z.lengths[0];
      }
    } else if (failure == null) {
      int pred = Math.floorMod(rank - 1, size);
      failure = mismatch(z.lengths[pred], z.metas[pred], length);
      z.verdicts[rank] = failure;
      mismatch = z.anyMismatch();
    }
    Object result = null;
    if (failure == null && !mismatch) {
      try {
        result = work.run(z.operands, z.results, length);
      } catch (RuntimeException e) { // an Error breaks the graph, which ends every peer's wait
        failure = ctx.failure(e, kind.method());
        z.verdicts[rank] = failure;
      }
    }
    z.arrive(rank);
    // Every participant's work is done, and no operand or result is touched any more.
    if (failure == null) {
      failure = z.firstVerdict(); // a length that differed, or a peer's work that threw
    }
    return failure == null ? result : null;
  }

  /**
   * Reduces elements {@code [from, to)} of the operands into {@code acc}, accumulated from rank
   * {@code r+1} round to rank {@code r} as the ring does, one block at a time (each operand read
   * once, the block staying in cache while all are added in), and copies each block into the
   * arrays of {@code alsoInto} other than {@code acc} (null: none).
   */
  private void reduceChunk(Element e, Object[] operands, Object acc, int from, int to, Object[] alsoInto) {
    for (int b = from; b < to; b += REDUCE_BLOCK) {
      int end = Math.min(to, b + REDUCE_BLOCK);
      System.arraycopy(operands[(rank + 1) % size], b, acc, b, end - b);
      for (int j = 2; j <= size; j++) {
        e.combine(op, acc, operands[(rank + j) % size], b, end);
      }
      for (int j = 1; alsoInto != null && j < size; j++) {
        System.arraycopy(acc, b, alsoInto[(rank + j) % size], b, end - b);
      }
    }
  }

  private Failure tooLargeToGather(int length) {
    return ctx.failure(new IllegalArgumentException(name + " = Collectives.allGather(...): " + size + " arrays of "
        + length + " elements do not fit in one Java array"), kind.method());
  }

  private static long[] readMeta(SlotReader r) {
    int n = r.readInt();
    if (n < 0 || n > 64) {
      throw new IllegalStateException("corrupt collective message: " + n + " meta values");
    }
    long[] m = new long[n];
    for (int i = 0; i < n; i++) {
      m[i] = r.readLong();
    }
    return m;
  }

  /** {@code FLOAT32 [2, 3]} for a tensor's meta (dtype ordinal, then its shape). */
  private static String describeMeta(long[] meta) {
    if (meta.length == 0) {
      return "plain array's";
    }
    String[] dtypes = {"FLOAT32", "FLOAT64", "INT32", "INT64"};
    String dtype = meta[0] >= 0 && meta[0] < dtypes.length ? dtypes[(int) meta[0]] : "dtype " + meta[0];
    return dtype + " " + java.util.Arrays.toString(java.util.Arrays.copyOfRange(meta, 1, meta.length));
  }

  private int chunk(int k, int length) {
    return (int) ((long) k * length / size);
  }

  /** The element types a collective carries: how to allocate, copy and combine them. */
  enum Element {
    FLOAT(RawMemory.FLOAT_BASE, 2, float.class) {
      @Override
      Object allocate(int n) {
        return new float[n];
      }

      @Override
      Object copy(Object array, int from, int to) {
        return java.util.Arrays.copyOfRange((float[]) array, from, to);
      }

      @Override
      int length(Object array) {
        return ((float[]) array).length;
      }

      @Override
      void combine(ReduceOp op, Object acc, Object mine, int from, int to) {
        Reductions.floats(op, (float[]) acc, (float[]) mine, from, to);
      }
    },
    DOUBLE(RawMemory.DOUBLE_BASE, 3, double.class) {
      @Override
      Object allocate(int n) {
        return new double[n];
      }

      @Override
      Object copy(Object array, int from, int to) {
        return java.util.Arrays.copyOfRange((double[]) array, from, to);
      }

      @Override
      int length(Object array) {
        return ((double[]) array).length;
      }

      @Override
      void combine(ReduceOp op, Object acc, Object mine, int from, int to) {
        Reductions.doubles(op, (double[]) acc, (double[]) mine, from, to);
      }
    },
    INT(RawMemory.INT_BASE, 2, int.class) {
      @Override
      Object allocate(int n) {
        return new int[n];
      }

      @Override
      Object copy(Object array, int from, int to) {
        return java.util.Arrays.copyOfRange((int[]) array, from, to);
      }

      @Override
      int length(Object array) {
        return ((int[]) array).length;
      }

      @Override
      void combine(ReduceOp op, Object acc, Object mine, int from, int to) {
        Reductions.ints(op, (int[]) acc, (int[]) mine, from, to);
      }
    },
    LONG(RawMemory.LONG_BASE, 3, long.class) {
      @Override
      Object allocate(int n) {
        return new long[n];
      }

      @Override
      Object copy(Object array, int from, int to) {
        return java.util.Arrays.copyOfRange((long[]) array, from, to);
      }

      @Override
      int length(Object array) {
        return ((long[]) array).length;
      }

      @Override
      void combine(ReduceOp op, Object acc, Object mine, int from, int to) {
        Reductions.longs(op, (long[]) acc, (long[]) mine, from, to);
      }
    };

    final long base;
    final int shift;
    final Class<?> component;

    Element(long base, int shift, Class<?> component) {
      this.base = base;
      this.shift = shift;
      this.component = component;
    }

    abstract Object allocate(int n);

    /** Elements {@code [from, to)} of {@code array} in a new array (not zeroed first, unlike allocate and a copy). */
    abstract Object copy(Object array, int from, int to);

    static Element of(Object array) {
      if (array instanceof float[]) {
        return FLOAT;
      }
      if (array instanceof double[]) {
        return DOUBLE;
      }
      if (array instanceof int[]) {
        return INT;
      }
      if (array instanceof long[]) {
        return LONG;
      }
      throw new IllegalArgumentException("a collective carries float[], double[], int[] or long[], not "
          + array.getClass().getSimpleName());
    }

    abstract int length(Object array);

    /** {@code acc[i] = acc[i] op mine[i]} for {@code i} in {@code [from, to)}. */
    abstract void combine(ReduceOp op, Object acc, Object mine, int from, int to);
  }
}
