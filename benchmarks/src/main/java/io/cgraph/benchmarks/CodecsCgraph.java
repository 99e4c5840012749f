package io.cgraph.benchmarks;

import io.cgraph.benchmarks.actors.Book;
import io.cgraph.benchmarks.actors.CodecDefaultGraph;
import io.cgraph.benchmarks.actors.CodecMarshallableGraph;
import io.cgraph.benchmarks.actors.CodecRecordGraph;
import io.cgraph.benchmarks.actors.DefaultTopOfBook;
import io.cgraph.benchmarks.actors.MarshalledTopOfBook;
import io.cgraph.benchmarks.actors.TopOfBook;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Codecs: one hop of the same four fields (a String, two longs, an int) to an actor that answers a
 * long, one execution at a time, as a record ({@code record}: generated code writes the fields
 * into the slot), as a Chronicle {@code BytesMarshallable} with its own marshalling
 * ({@code marshallable}: its bytes go through a per-thread buffer, and the reader creates an
 * instance) and as one with Chronicle's default, reflective marshalling ({@code defaultMarshallable}).
 * The baseline is the record.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecsCgraph extends BenchBase {
  private static final long BID = 108_450;
  private static final long ASK = 108_470;

  /** The wait strategy of every graph here. */
  @State(Scope.Benchmark)
  public static class Wait {
    @Param({"balanced"})
    public String cgraphWait;
  }

  @State(Scope.Thread)
  public static class Records {
    final TopOfBook quote = new TopOfBook("EURUSD", BID, ASK, 1_000_000);
    CodecRecordGraph graph;

    @Setup
    public void setup(Wait w) {
      graph = CodecRecordGraph.compile(new Book(), CgraphOptions.of(w.cgraphWait));
      check(graph.execute(quote).get() == ASK - BID, "cgraph record codec");
    }

    @TearDown
    public void tearDown() {
      graph.close();
    }
  }

  @State(Scope.Thread)
  public static class Marshallables {
    final MarshalledTopOfBook quote = new MarshalledTopOfBook("EURUSD", BID, ASK, 1_000_000);
    CodecMarshallableGraph graph;

    @Setup
    public void setup(Wait w) {
      graph = CodecMarshallableGraph.compile(new Book(), CgraphOptions.of(w.cgraphWait));
      check(graph.execute(quote).get() == ASK - BID, "cgraph BytesMarshallable codec");
    }

    @TearDown
    public void tearDown() {
      graph.close();
    }
  }

  @State(Scope.Thread)
  public static class Defaults {
    final DefaultTopOfBook quote = new DefaultTopOfBook("EURUSD", BID, ASK, 1_000_000);
    CodecDefaultGraph graph;

    @Setup
    public void setup(Wait w) {
      graph = CodecDefaultGraph.compile(new Book(), CgraphOptions.of(w.cgraphWait));
      check(graph.execute(quote).get() == ASK - BID, "cgraph default BytesMarshallable codec");
    }

    @TearDown
    public void tearDown() {
      graph.close();
    }
  }

  @Benchmark
  public long record(Records s) {
    return s.graph.execute(s.quote).get();
  }

  @Benchmark
  public long marshallable(Marshallables s) {
    return s.graph.execute(s.quote).get();
  }

  @Benchmark
  public long defaultMarshallable(Defaults s) {
    return s.graph.execute(s.quote).get();
  }
}
