package io.cgraph.runtime.sample;

import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.SingleUse;
import io.cgraph.runtime.channel.ChannelReader;
import io.cgraph.runtime.channel.ChannelWriter;
import io.cgraph.runtime.codec.Failure;
import io.cgraph.runtime.codec.SlotReader;
import io.cgraph.runtime.codec.SlotWriter;
import io.cgraph.runtime.exec.AbstractRef;
import io.cgraph.runtime.exec.ActorContext;
import io.cgraph.runtime.exec.ActorStep;
import io.cgraph.runtime.exec.GraphRuntime;
import io.cgraph.runtime.exec.GraphSpec;
import io.cgraph.runtime.exec.StepFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

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
      + "  c0 [label=\"order = parser.parse(line, scale)\"];\n"
      + "  c1 [label=\"a = scorer.amountScore(order, 0.5)\"];\n"
      + "  c2 [label=\"t = scorer.tagScore(order)\"];\n"
      + "  c3 [label=\"s = scorer.combine(a, t)\"];\n"
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

  public static PipelineGraph compile(Parser parser, Scorer scorer) {
    return compile(parser, scorer, GraphOptions.defaults());
  }

  public static PipelineGraph compile(Parser parser, Scorer scorer, GraphOptions options) {
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(scorer, "scorer");
    Objects.requireNonNull(options, "options");
    GraphRuntime runtime = GraphRuntime.start(SPEC, options, new Object[] {parser, scorer},
        new StepFactory[] {ctx -> parserStep(parser, ctx), ctx -> scorerStep(scorer, ctx)});
    PipelineGraph graph = new PipelineGraph(runtime);
    runtime.closeWhenUnreachable(graph);
    return graph;
  }

  /**
   * Starts the graph with each actor where its placement says: in this JVM
   * ({@code Placement.local(actor)}) or in a worker process ({@code Workers.spawn}).
   */
  public static PipelineGraph compile(Placement<Parser> parser, Placement<Scorer> scorer,
      GraphOptions options) {
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(scorer, "scorer");
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
      runtime.cancelExecute(ref);
      throw e;
    }
    runtime.endExecute(ref);
    return ref;
  }

  public CompletableFuture<Result> executeAsync(String line, int scale) {
    return runtime.toFuture(execute(line, scale), Ref::get);
  }

  public static String toDot() {
    return DOT;
  }

  @Override
  public void close() {
    runtime.close();
  }

  private static ActorStep parserStep(Parser parser, ActorContext ctx) {
    ChannelReader in0 = ctx.reader(0);
    ChannelWriter out1 = ctx.writer(1);
    return exec -> {
      // order = parser.parse(line, scale)
      SlotReader r = in0.await(exec);
      r.seek(r.readIntAt(0));
      String line = r.readString();
      r.seek(r.readIntAt(4));
      int scale = r.readInt();
      in0.release(exec);
      Failure orderFailure = null;
      Order order = null;
      try {
        order = parser.parse(line, scale);
      } catch (Exception e) {
        orderFailure = ctx.failure(e, "parse");
      }
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
    };
  }

  private static ActorStep scorerStep(Scorer scorer, ActorContext ctx) {
    ChannelReader in1 = ctx.reader(1);
    ChannelWriter out2 = ctx.writer(2);
    return exec -> {
      // a = scorer.amountScore(order, 0.5)
      SlotReader r1 = in1.await(exec);
      Failure orderFailure = null;
      Order order = null;
      if (r1.isFailure()) {
        orderFailure = r1.failure();
      } else {
        order = read_Order(r1);
      }
      in1.release(exec);
      Failure aFailure = orderFailure;
      double a = 0;
      if (aFailure == null) {
        try {
          a = scorer.amountScore(order, 0.5);
        } catch (Exception e) {
          aFailure = ctx.failure(e, "amountScore");
        }
      }
      // t = scorer.tagScore(order)
      Failure tFailure = orderFailure;
      int t = 0;
      if (tFailure == null) {
        try {
          t = scorer.tagScore(order);
        } catch (Exception e) {
          tFailure = ctx.failure(e, "tagScore");
        }
      }
      // s = scorer.combine(a, t)
      Failure sFailure = aFailure != null ? aFailure : tFailure;
      long s = 0;
      if (sFailure == null) {
        try {
          s = scorer.combine(a, t);
        } catch (Exception e) {
          sFailure = ctx.failure(e, "combine");
        }
      }
      if (sFailure == null) {
        SlotWriter w = out2.claim(exec);
        w.writeLong(s);
        out2.publish(exec);
      } else {
        out2.publishFailure(exec, sFailure);
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

  /** One execution of {@code pipeline}; take its result once with {@link #get()}. */
  public static final class Ref extends AbstractRef implements SingleUse {
    private Result value;

    Ref(GraphRuntime runtime) {
      super(runtime);
    }

    /** Waits up to the graph's get timeout and returns the result; at most once. */
    public Result get() {
      awaitResult(null);
      return value;
    }

    /** Waits up to {@code timeout} and returns the result; at most once. */
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
}
