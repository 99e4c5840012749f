package io.cgraph.runtime.sample;

import io.cgraph.runtime.Failure;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.GraphStats;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.SingleUse;
import io.cgraph.runtime.internal.AbstractRef;
import io.cgraph.runtime.internal.ActorContext;
import io.cgraph.runtime.internal.ActorProbe;
import io.cgraph.runtime.internal.ActorStep;
import io.cgraph.runtime.internal.ChannelReader;
import io.cgraph.runtime.internal.ChannelWriter;
import io.cgraph.runtime.internal.GraphRuntime;
import io.cgraph.runtime.internal.GraphSpec;
import io.cgraph.runtime.internal.SlotReader;
import io.cgraph.runtime.internal.SlotWriter;
import io.cgraph.runtime.journal.JournalEntry;
import io.cgraph.runtime.journal.JournalReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Hand-written model of what the processor generates for {@link Pipelines#pipeline}: the golden
 * shape the generator follows, and a runtime test fixture that does not need the processor.
 */
public final class PipelineGraph implements AutoCloseable {
  /**
   * The {@code @Graph} value of maxInflight; {@code GraphOptions} may override it at run time.
   */
  public static final int MAX_INFLIGHT = 4;

  private static final GraphSpec SPEC = GraphSpec.builder("PipelineGraph", 4, 256)
      .type("io.cgraph.runtime.sample.PipelineGraph")
      .actor("parser", "io.cgraph.runtime.sample.Parser")
      .actor("scorer", "io.cgraph.runtime.sample.Scorer")
      .channel("input", GraphSpec.DRIVER, 0)
      .channel("parser.parse", 0, 1, GraphSpec.DRIVER)
      .channel("scorer.combine", 1, GraphSpec.DRIVER)
      .outputs(1, 2)
      .build();

  private static final String DOT = "digraph PipelineGraph {\n"
      + "  rankdir=LR;\n"
      + "  input [shape=box, label=\"input\\n(line, scale)\"];\n"
      + "  output [shape=box, label=\"output\\nResult\"];\n"
      + "  subgraph cluster_parser {\n"
      + "    label=\"parser: Parser\";\n"
      + "    c0 [label=\"order = parser.parse(line, scale)\"];\n"
      + "  }\n"
      + "  subgraph cluster_scorer {\n"
      + "    label=\"scorer: Scorer\";\n"
      + "    c1 [label=\"a = scorer.amountScore(order, 0.5)\"];\n"
      + "    c2 [label=\"t = scorer.tagScore(order)\"];\n"
      + "    c3 [label=\"s = scorer.combine(a, t)\"];\n"
      + "  }\n"
      + "  input -> c0;\n"
      + "  c0 -> c1;\n"
      + "  c0 -> c2;\n"
      + "  c1 -> c3;\n"
      + "  c2 -> c3;\n"
      + "  c0 -> output;\n"
      + "  c3 -> output;\n"
      + "}\n";

  private static final Side[] SIDE_VALUES = Side.values();

  private final GraphRuntime runtime;

  private PipelineGraph(GraphRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * Starts the graph on these actors with the {@code @Graph} defaults
   * ({@code GraphOptions.defaults()}).
   */
  public static PipelineGraph compile(Parser parser, Scorer scorer) {
    return compile(parser, scorer, GraphOptions.defaults());
  }

  /**
   * Starts the graph on these actors: creates the channels and runs each actor on its thread (its
   * own, or the one it already runs on for another live graph). Close the graph to release them.
   */
  public static PipelineGraph compile(Parser parser, Scorer scorer, GraphOptions options) {
    return compile(Placement.local(parser), Placement.local(scorer), options);
  }

  /**
   * Starts the graph with each actor where its placement says: in this JVM
   * ({@code Placement.local(actor)}) or in a worker process ({@code Workers.spawn}).
   */
  public static PipelineGraph compile(Placement<Parser> parser, Placement<Scorer> scorer,
      GraphOptions options) {
    Objects.requireNonNull(options, "options");
    GraphRuntime runtime = GraphRuntime.start(SPEC, options, PipelineGraph.class,
        new Placement<?>[] {parser, scorer}, PipelineGraph::workerStep);
    PipelineGraph graph = new PipelineGraph(runtime);
    runtime.closeWhenUnreachable(graph);
    return graph;
  }

  /**
   * The step of actor number {@code actor} on {@code instance}: the entry point of cgraph's
   * worker processes and of placed actors. Not for application code.
   */
  public static ActorStep workerStep(int actor, Object instance, ActorContext ctx) {
    switch (actor) {
      case 0:
        return parserStep((Parser) instance, ctx);
      case 1:
        return scorerStep((Scorer) instance, ctx);
      default:
        throw new IndexOutOfBoundsException("PipelineGraph has no actor " + actor);
    }
  }

  /**
   * Submits one execution; waits for capacity when {@code maxInflight} results are unread.
   */
  public Ref execute(String line, int scale) {
    Ref ref = new Ref(runtime);
    SlotWriter w = runtime.beginExecute(ref);
    try {
      // offsets of the 2 inputs, filled in as they are written
      w.writeInt(0);
      w.writeInt(0);
      w.writeIntAt(0, w.position());
      w.writeString(line);
      w.writeIntAt(4, w.position());
      w.writeInt(scale);
    } catch (RuntimeException | Error e) {
      throw runtime.cancelExecute(ref, e);
    }
    runtime.endExecute(ref);
    return ref;
  }

  /**
   * Submits one execution and completes the future with its result.
   */
  public CompletableFuture<Result> executeAsync(String line, int scale) {
    return runtime.toFuture(execute(line, scale), Ref::get);
  }

  /**
   * The graph in Graphviz DOT form.
   */
  public static String toDot() {
    return DOT;
  }

  /**
   * Stops the actor threads, fails pending results and deletes the channels; idempotent.
   */
  @Override
  public void close() {
    runtime.close();
  }

  /**
   * A snapshot of this graph's counters: executions, in flight, failures, per-actor busy time,
   * per-channel waits.
   */
  public GraphStats stats() {
    return runtime.stats();
  }

  /**
   * Every execution journaled in {@code dir} ({@code GraphOptions.withJournal}), in order; those
   * without a result come last. Close the stream to close the journal.
   */
  public static Stream<Execution> readJournal(Path dir) {
    return JournalReader.stream(dir, PipelineGraph::fromJournal);
  }

  /**
   * Decodes one raw journal entry (see {@code JournalReader}) of this graph.
   */
  public static Execution fromJournal(JournalEntry entry) {
    SlotReader r = entry.input();
    r.seek(r.readIntAt(0));
    String line = r.readString();
    r.seek(r.readIntAt(4));
    int scale = r.readInt();
    Failure failure = entry.failure();
    Result result = null;
    if (entry.hasResult() && failure == null) {
      SlotReader[] outputs = entry.outputs();
      Order order = read_Order(outputs[0]);
      long s = outputs[1].readLong();
      result = new Result(order, s);
    }
    return new Execution(entry.execution(), entry.hasResult(), line, scale, result, failure);
  }

  /**
   * Executes a journaled execution's inputs again on this graph.
   */
  public Ref replay(Execution execution) {
    return execute(execution.line(), execution.scale());
  }

  private static ActorStep parserStep(Parser parser, ActorContext ctx) {
    ChannelReader in0 = ctx.reader(0);
    ChannelWriter out1 = ctx.writer(1);
    ActorProbe probe = ctx.probe();
    return exec -> {
      boolean timed = probe.timed();
      // order = parser.parse(line, scale)
      SlotReader r = in0.await(exec);
      long t0 = timed ? System.nanoTime() : 0L;
      r.seek(r.readIntAt(0));
      String line = r.readString();
      r.seek(r.readIntAt(4));
      int scale = r.readInt();
      in0.release(exec);
      long t1 = timed ? System.nanoTime() : 0L;
      Failure orderFailure = null;
      Order order = null;
      try {
        order = parser.parse(line, scale);
      } catch (Exception e) {
        orderFailure = ctx.failure(e, "parse");
      }
      long t2 = timed ? System.nanoTime() : 0L;
      if (orderFailure == null) {
        SlotWriter w = out1.claim(exec);
        try {
          write_Order(w, order);
          out1.publish(exec);
        } catch (RuntimeException e) {
          orderFailure = ctx.failure(e, "parse");
        }
      }
      if (orderFailure != null) {
        out1.publishFailure(exec, orderFailure);
      }
      if (timed) {
        probe.call(exec, "parse", orderFailure != null, t0, t1, t2, System.nanoTime());
      }
    };
  }

  private static ActorStep scorerStep(Scorer scorer, ActorContext ctx) {
    ChannelReader in1 = ctx.reader(1);
    ChannelWriter out2 = ctx.writer(2);
    ActorProbe probe = ctx.probe();
    return exec -> {
      boolean timed = probe.timed();
      // a = scorer.amountScore(order, 0.5)
      SlotReader r1 = in1.await(exec);
      long t0 = timed ? System.nanoTime() : 0L;
      Failure orderFailure = null;
      Order order = null;
      if (r1.isFailure()) {
        orderFailure = r1.failure();
      } else {
        order = read_Order(r1);
      }
      in1.release(exec);
      long t1 = timed ? System.nanoTime() : 0L;
      Failure aFailure = orderFailure;
      double a = 0;
      if (aFailure == null) {
        try {
          a = scorer.amountScore(order, 0.5);
        } catch (Exception e) {
          aFailure = ctx.failure(e, "amountScore");
        }
      }
      long t2 = timed ? System.nanoTime() : 0L;
      if (timed) {
        probe.call(exec, "amountScore", aFailure != null, t0, t1, t2, System.nanoTime());
      }
      // t = scorer.tagScore(order)
      long t4 = timed ? System.nanoTime() : 0L;
      Failure tFailure = orderFailure;
      int t = 0;
      if (tFailure == null) {
        try {
          t = scorer.tagScore(order);
        } catch (Exception e) {
          tFailure = ctx.failure(e, "tagScore");
        }
      }
      long t5 = timed ? System.nanoTime() : 0L;
      if (timed) {
        probe.call(exec, "tagScore", tFailure != null, t4, t4, t5, System.nanoTime());
      }
      // s = scorer.combine(a, t)
      long t7 = timed ? System.nanoTime() : 0L;
      Failure sFailure = aFailure != null ? aFailure : tFailure;
      long s = 0;
      if (sFailure == null) {
        try {
          s = scorer.combine(a, t);
        } catch (Exception e) {
          sFailure = ctx.failure(e, "combine");
        }
      }
      long t8 = timed ? System.nanoTime() : 0L;
      if (sFailure == null) {
        SlotWriter w = out2.claim(exec);
        w.writeLong(s);
        out2.publish(exec);
      } else {
        out2.publishFailure(exec, sFailure);
      }
      if (timed) {
        probe.call(exec, "combine", sFailure != null, t7, t7, t8, System.nanoTime());
      }
    };
  }

  private static void write_Order(SlotWriter w, Order v) {
    w.writePresent(v != null);
    if (v != null) {
      w.writeString(v.id());
      w.writeDouble(v.amount());
      write_Side(w, v.side());
      write_List_String(w, v.tags());
    }
  }

  private static Order read_Order(SlotReader r) {
    if (!r.readPresent()) {
      return null;
    }
    String id = r.readString();
    double amount = r.readDouble();
    Side side = read_Side(r);
    List<String> tags = read_List_String(r);
    return new Order(id, amount, side, tags);
  }

  private static void write_Side(SlotWriter w, Side v) {
    w.writeInt(v == null ? -1 : v.ordinal());
  }

  private static Side read_Side(SlotReader r) {
    int ordinal = r.readInt();
    return ordinal < 0 ? null : SIDE_VALUES[ordinal];
  }

  private static void write_List_String(SlotWriter w, List<String> v) {
    if (v == null) {
      w.writeInt(-1);
      return;
    }
    w.writeInt(v.size());
    for (String e : v) {
      w.writeString(e);
    }
  }

  private static List<String> read_List_String(SlotReader r) {
    int n = r.readInt();
    if (n < 0) {
      return null;
    }
    List<String> v = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      v.add(r.readString());
    }
    return v;
  }

  /**
   * One execution of {@code pipeline}; take its result once with {@link #get()}.
   */
  public static final class Ref extends AbstractRef implements SingleUse {
    private Result value;

    Ref(GraphRuntime runtime) {
      super(runtime);
    }

    /**
     * Waits up to the graph's get timeout and returns the result; at most once.
     */
    public Result get() {
      awaitResult(null);
      return value;
    }

    /**
     * Waits up to {@code timeout} and returns the result; at most once.
     */
    public Result get(Duration timeout) {
      awaitResult(Objects.requireNonNull(timeout, "timeout"));
      return value;
    }

    @Override
    protected void decode(SlotReader[] outputs) {
      Order order = read_Order(outputs[0]);
      long s = outputs[1].readLong();
      value = new Result(order, s);
    }
  }

  /**
   * One journaled execution of {@code pipeline}: its inputs, and its result or failure.
   *
   * @param number the execution number, 0-based per graph instance
   * @param completed whether the journal holds its result or failure (not when the process stopped first)
   * @param line input {@code line}
   * @param scale input {@code scale}
   * @param result the result; {@code null} when it failed or did not complete
   * @param failure what the failing actor method threw; {@code null} when it succeeded or did not complete
   */
  public record Execution(long number, boolean completed, String line, int scale, Result result,
      Failure failure) {
  }
}
