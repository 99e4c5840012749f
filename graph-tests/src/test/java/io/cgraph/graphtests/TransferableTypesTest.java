package io.cgraph.graphtests;

import static io.cgraph.graphtests.Harness.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cgraph.runtime.GraphOptions;
import io.cgraph.runtime.Placement;
import io.cgraph.runtime.Workers;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every transferable type through the input channel, actor channels and the output channel. */
class TransferableTypesTest {
  @Test
  void randomValuesOfEveryType() {
    Random r = new Random(21);
    everyType(2000, () -> allTypes(r, 8, false));
  }

  @Test
  void nullsAndEmptiesOfEveryType() {
    Random r = new Random(22);
    everyType(500, () -> allTypes(r, 0, true));
  }

  @Test
  void largeArraysGrowTheSlots() {
    Random r = new Random(23);
    everyType(20, () -> allTypes(r, 100_000, false));
  }

  @Test
  void stringsOfAnyContent() {
    Random r = new Random(24);
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Echo e = new Echo();
      try (StringsGraph g = StringsGraph.compile(new Echo(), new Echo())) {
        Harness.compare(3000, 10, () -> Values.stringOrNull(r), s -> Graphs.strings(s, e, e), g::execute,
            StringsGraph.Ref::get);
      }
    });
  }

  @Test
  void instantsUuidsDecimalsAndBytesMarshallablesOfAnyValue() {
    assertTimeoutPreemptively(TIMEOUT, () -> {
      try (JavaValuesGraph g = JavaValuesGraph.compile(new Echo(), new Echo())) {
        javaValues(new Random(26), 2000, g);
      }
    });
  }

  @Test
  void instantsUuidsDecimalsAndBytesMarshallablesCrossProcesses() {
    assertTimeoutPreemptively(TIMEOUT, () -> {
      try (Workers workers = Workers.create(1);
          JavaValuesGraph g = JavaValuesGraph.compile(workers.spawn(Echo.class), Placement.local(new Echo()),
              GraphOptions.defaults())) {
        javaValues(new Random(27), 300, g);
      }
    });
  }

  private static void javaValues(Random r, int runs, JavaValuesGraph g) {
    Echo e = new Echo();
    Harness.compare(runs, 10,
        () -> new Nested.Inner(null, null, null, Values.instant(r), Values.uuid(r), Values.decimal(r), Values.quote(r),
            Values.duration(r)),
        in -> Graphs.javaValues(in.at(), in.key(), in.price(), in.quote(), in.delay(), e, e),
        in -> g.execute(in.at(), in.key(), in.price(), in.quote(), in.delay()), JavaValuesGraph.Ref::get);
  }

  /** The inputs of one execution of {@code lists}. */
  private record ListsInput(java.util.List<java.util.List<Integer>> grid, java.util.List<Nested> nested) {}

  @Test
  void listsOfListsAndOfNestedRecords() {
    Random r = new Random(25);
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Echo e = new Echo();
      try (ListsGraph g = ListsGraph.compile(new Echo(), new Echo())) {
        Harness.compare(2000, 10, () -> new ListsInput(Values.grid(r), Values.nestedList(r)),
            in -> Graphs.lists(in.grid(), in.nested(), e, e), in -> g.execute(in.grid(), in.nested()),
            ListsGraph.Ref::get);
      }
    });
  }

  private static void everyType(int runs, Supplier<AllTypes> inputs) {
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Echo e = new Echo();
      try (EveryTypeGraph g = EveryTypeGraph.compile(new Echo(), new Echo())) {
        Harness.compare(runs, 8, inputs,
            v -> Graphs.everyType(v.z(), v.b(), v.s(), v.c(), v.i(), v.l(), v.f(), v.d(), v.boxedZ(), v.boxedB(),
                v.boxedS(), v.boxedC(), v.boxedI(), v.boxedL(), v.boxedF(), v.boxedD(), v.text(), v.color(), v.zs(),
                v.bs(), v.ss(), v.cs(), v.is(), v.ls(), v.fs(), v.ds(), v.buffer(), v.nested(), v.points(), v.grid(),
                v.colors(), e, e),
            v -> g.execute(v.z(), v.b(), v.s(), v.c(), v.i(), v.l(), v.f(), v.d(), v.boxedZ(), v.boxedB(),
                v.boxedS(), v.boxedC(), v.boxedI(), v.boxedL(), v.boxedF(), v.boxedD(), v.text(), v.color(), v.zs(),
                v.bs(), v.ss(), v.cs(), v.is(), v.ls(), v.fs(), v.ds(), v.buffer(), v.nested(), v.points(), v.grid(),
                v.colors()),
            EveryTypeGraph.Ref::get);
      }
    });
  }

  /** Random values; {@code size} is the array length; {@code empty} gives nulls and empty arrays. */
  static AllTypes allTypes(Random r, int size, boolean empty) {
    int n = empty ? 0 : (size >= 1000 ? size : r.nextInt(size + 1));
    boolean nulls = empty && r.nextBoolean();
    boolean[] zs = new boolean[n];
    byte[] bs = new byte[n];
    short[] ss = new short[n];
    char[] cs = new char[n];
    int[] is = new int[n];
    long[] ls = new long[n];
    float[] fs = new float[n];
    double[] ds = new double[n];
    for (int k = 0; k < n; k++) {
      zs[k] = r.nextBoolean();
      bs[k] = (byte) r.nextInt();
      ss[k] = (short) r.nextInt();
      cs[k] = (char) r.nextInt();
      is[k] = r.nextInt();
      ls[k] = r.nextLong();
      fs[k] = Values.floatValue(r);
      ds[k] = Values.doubleValue(r);
    }
    return new AllTypes(r.nextBoolean(), (byte) r.nextInt(), (short) r.nextInt(), (char) r.nextInt(), r.nextInt(),
        r.nextLong(), Values.floatValue(r), Values.doubleValue(r),
        nulls ? null : r.nextBoolean(), nulls ? null : (byte) r.nextInt(), nulls ? null : (short) r.nextInt(),
        nulls ? null : (char) r.nextInt(), nulls ? null : r.nextInt(), nulls ? null : r.nextLong(),
        nulls ? null : Values.floatValue(r), nulls ? null : Values.doubleValue(r),
        nulls ? null : empty ? "" : Values.string(r), nulls ? null : Values.color(r),
        nulls ? null : zs, nulls ? null : bs, nulls ? null : ss, nulls ? null : cs, nulls ? null : is,
        nulls ? null : ls, nulls ? null : fs, nulls ? null : ds,
        Values.buffer(r, nulls ? -1 : n), nulls ? null : Values.nested(r), nulls ? null : Values.points(r),
        nulls ? null : Values.grid(r), nulls ? null : Values.colors(r));
  }
}
