package io.cgraph.runtime.semantics;

import io.cgraph.runtime.Failure;
import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.SingleUse;
import io.cgraph.runtime.internal.AbstractRef;
import io.cgraph.runtime.internal.ActorContext;
import io.cgraph.runtime.internal.ActorStep;
import io.cgraph.runtime.internal.ChannelReader;
import io.cgraph.runtime.internal.ChannelWriter;
import io.cgraph.runtime.internal.GraphRuntime;
import io.cgraph.runtime.internal.GraphSpec;
import io.cgraph.runtime.internal.SlotReader;
import io.cgraph.runtime.internal.SlotWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Hand-written equivalent of the generated graph for {@code static long echo(long x, Echo e) { return e.apply(x); }}. */
public final class EchoGraph implements AutoCloseable {
  private static final GraphSpec SPEC = GraphSpec.builder("EchoGraph", 10, 256)
      .actor("echo", "io.cgraph.runtime.semantics.Echo")
      .channel("input", GraphSpec.DRIVER, 0)
      .channel("echo.apply", 0, GraphSpec.DRIVER)
      .outputs(1)
      .build();

  private final GraphRuntime runtime;

  private EchoGraph(GraphRuntime runtime) {
    this.runtime = runtime;
  }

  public static EchoGraph compile(Echo echo, GraphOptions options) {
    return compile(Placement.local(echo), options);
  }

  public static EchoGraph compile(Placement<Echo> echo, GraphOptions options) {
    Objects.requireNonNull(echo, "echo");
    GraphRuntime runtime = GraphRuntime.start(SPEC, options, EchoGraph.class, new Placement<?>[] {echo},
        EchoGraph::workerStep);
    EchoGraph graph = new EchoGraph(runtime);
    runtime.closeWhenUnreachable(graph);
    return graph;
  }

  public static ActorStep workerStep(int actor, Object instance, ActorContext ctx) {
    switch (actor) {
      case 0:
        return echoStep((Echo) instance, ctx);
      default:
        throw new IndexOutOfBoundsException("EchoGraph has no actor " + actor);
    }
  }

  public Ref execute(long x) {
    Ref ref = new Ref(runtime);
    SlotWriter w = runtime.beginExecute(ref);
    try {
      w.writeLong(x);
    } catch (RuntimeException | Error e) {
      runtime.cancelExecute(ref);
      throw e;
    }
    runtime.endExecute(ref);
    return ref;
  }

  public CompletableFuture<Long> executeAsync(long x) {
    return runtime.toFuture(execute(x), Ref::get);
  }

  GraphRuntime runtime() {
    return runtime;
  }

  @Override
  public void close() {
    runtime.close();
  }

  private static ActorStep echoStep(Echo echo, ActorContext ctx) {
    ChannelReader in0 = ctx.reader(0);
    ChannelWriter out1 = ctx.writer(1);
    return exec -> {
      SlotReader r = in0.await(exec);
      long x = r.readLong();
      in0.release(exec);
      Failure failure = null;
      long y = 0;
      try {
        y = echo.apply(x);
      } catch (Exception e) {
        failure = ctx.failure(e, "apply");
      }
      if (failure == null) {
        SlotWriter w = out1.claim(exec);
        w.writeLong(y);
        out1.publish(exec);
      } else {
        out1.publishFailure(exec, failure);
      }
    };
  }

  public static final class Ref extends AbstractRef implements SingleUse {
    private long value;

    Ref(GraphRuntime runtime) {
      super(runtime);
    }

    public long get() {
      awaitResult(null);
      return value;
    }

    public long get(Duration timeout) {
      awaitResult(Objects.requireNonNull(timeout, "timeout"));
      return value;
    }

    @Override
    protected void decode(SlotReader[] outputs) {
      value = outputs[0].readLong();
    }
  }
}
