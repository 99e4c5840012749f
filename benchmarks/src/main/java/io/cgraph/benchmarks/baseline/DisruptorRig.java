package io.cgraph.benchmarks.baseline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.cgraph.benchmarks.actors.Decision;
import io.cgraph.benchmarks.actors.Quote;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Disruptor baseline: a request ring processed by stages of handlers (each stage on its own
 * threads, a stage's handlers in parallel), the last stage's single handler publishing into a reply
 * ring that the driver thread reads through a barrier with the same wait strategy: the classic
 * two-ring ping-pong, generalised to chains and diamonds.
 *
 * <p>Single producer on both rings: only the driver thread calls {@link #send} and the take
 * methods; only the last handler publishes replies. Keep fewer than {@code ringSize} requests
 * outstanding.
 */
public final class DisruptorRig implements AutoCloseable {
  /** The Disruptor wait strategies used here. */
  public enum Wait {
    BUSY_SPIN,
    YIELDING,
    BLOCKING;

    WaitStrategy create() {
      switch (this) {
        case BUSY_SPIN:
          return new BusySpinWaitStrategy();
        case YIELDING:
          return new YieldingWaitStrategy();
        default:
          return new BlockingWaitStrategy();
      }
    }

    /** Parses {@code busySpin}, {@code yielding} or {@code blocking}. */
    public static Wait of(String name) {
      switch (name) {
        case "busySpin":
          return BUSY_SPIN;
        case "yielding":
          return YIELDING;
        case "blocking":
          return BLOCKING;
        default:
          throw new IllegalArgumentException("unknown Disruptor wait strategy: " + name);
      }
    }
  }

  /** One ring entry: the fields every scenario needs, preallocated by the ring. */
  public static final class Msg {
    public long value;
    public Quote quote;
    public double notional;
    public long headroom;
    public Decision decision;
  }

  private final RingBuffer<Msg> requests;
  private final RingBuffer<Msg> replies;
  private final SequenceBarrier replyBarrier;
  private final Sequence taken = new Sequence(-1);
  private final List<BatchEventProcessor<Msg>> processors = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  /**
   * Starts the rig. {@code stages} run in order; the handlers of one stage run in parallel, each on
   * its own thread named {@code disruptor-<name>-<stage>.<index>}. The last stage must hold exactly
   * one step; after it, the entry's {@code value} and {@code decision} are copied into the reply.
   */
  @SafeVarargs
  public static DisruptorRig start(String name, Wait wait, int ringSize, List<Consumer<Msg>>... stages) {
    List<List<Consumer<Msg>>> list = new ArrayList<>();
    for (List<Consumer<Msg>> stage : stages) {
      list.add(stage);
    }
    return new DisruptorRig(name, wait, ringSize, list);
  }

  private DisruptorRig(String name, Wait wait, int ringSize, List<List<Consumer<Msg>>> stages) {
    if (stages.isEmpty() || stages.get(stages.size() - 1).size() != 1) {
      throw new IllegalArgumentException("the last stage must hold exactly one step");
    }
    requests = RingBuffer.createSingleProducer(Msg::new, ringSize, wait.create());
    replies = RingBuffer.createSingleProducer(Msg::new, ringSize, wait.create());
    replyBarrier = replies.newBarrier();
    replies.addGatingSequences(taken);

    SequenceBarrier barrier = requests.newBarrier();
    Sequence[] last = new Sequence[0];
    BatchEventProcessorBuilder builder = new BatchEventProcessorBuilder();
    for (int s = 0; s < stages.size(); s++) {
      boolean replying = s == stages.size() - 1;
      List<Consumer<Msg>> steps = stages.get(s);
      last = new Sequence[steps.size()];
      for (int i = 0; i < steps.size(); i++) {
        Consumer<Msg> step = steps.get(i);
        EventHandler<Msg> handler = replying ? (m, seq, end) -> {
          step.accept(m);
          reply(m);
        } : (m, seq, end) -> step.accept(m);
        BatchEventProcessor<Msg> p = builder.build(requests, barrier, handler);
        processors.add(p);
        last[i] = p.getSequence();
        Thread t = new Thread(p, "disruptor-" + name + "-" + s + "." + i);
        t.setDaemon(true);
        threads.add(t);
      }
      barrier = requests.newBarrier(last);
    }
    requests.addGatingSequences(last);
    for (Thread t : threads) {
      t.start();
    }
  }

  private void reply(Msg m) {
    long s = replies.next();
    Msg r = replies.get(s);
    r.value = m.value;
    r.decision = m.decision;
    replies.publish(s);
  }

  /** Publishes one request carrying {@code value}. */
  public void send(long value) {
    long s = requests.next();
    requests.get(s).value = value;
    requests.publish(s);
  }

  /** Publishes one request carrying {@code quote}. */
  public void send(Quote quote) {
    long s = requests.next();
    requests.get(s).quote = quote;
    requests.publish(s);
  }

  /** Waits for the next reply and returns its value. */
  public long takeValue() {
    long s = awaitReply();
    long v = replies.get(s).value;
    taken.set(s);
    return v;
  }

  /** Waits for the next reply and returns its decision. */
  public Decision takeDecision() {
    long s = awaitReply();
    Msg r = replies.get(s);
    Decision d = r.decision;
    r.decision = null;
    taken.set(s);
    return d;
  }

  private long awaitReply() {
    long s = taken.get() + 1;
    try {
      replyBarrier.waitFor(s);
    } catch (AlertException | InterruptedException | TimeoutException e) {
      throw new IllegalStateException("Disruptor reply wait failed", e);
    }
    return s;
  }

  /** The handler threads, for CPU accounting. */
  public List<Thread> threads() {
    return List.copyOf(threads);
  }

  /** Halts the handlers and waits up to 5 s for their threads. */
  @Override
  public void close() {
    for (BatchEventProcessor<Msg> p : processors) {
      p.halt();
    }
    try {
      for (Thread t : threads) {
        t.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
