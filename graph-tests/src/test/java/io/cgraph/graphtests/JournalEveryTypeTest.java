package io.cgraph.graphtests;

import static io.cgraph.graphtests.Harness.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.GraphOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every transferable type written to the journal, read back typed, and replayed with identical results. */
class JournalEveryTypeTest {
  @TempDir Path journal;

  @Test
  void everyTypeRoundTripsThroughTheJournalAndReplays() {
    assertTimeoutPreemptively(TIMEOUT, () -> {
      Random r = new Random(31);
      List<AllTypes> inputs = new ArrayList<>();
      for (int k = 0; k < 400; k++) {
        inputs.add(k % 4 == 3 ? TransferableTypesTest.allTypes(r, 0, true)
            : TransferableTypesTest.allTypes(r, k % 50 == 0 ? 5000 : 8, false));
      }
      List<AllTypes> results = new ArrayList<>();
      try (EveryTypeGraph g = EveryTypeGraph.compile(new Echo(), new Echo(),
          GraphOptions.defaults().withJournal(journal))) {
        for (AllTypes v : inputs) {
          results.add(execute(g, v).get());
        }
        assertEquals(0, g.stats().journal().lost());
      }
      List<EveryTypeGraph.Execution> journaled;
      try (Stream<EveryTypeGraph.Execution> s = EveryTypeGraph.readJournal(journal)) {
        journaled = s.collect(Collectors.toList());
      }
      assertEquals(inputs.size(), journaled.size());
      try (EveryTypeGraph fresh = EveryTypeGraph.compile(new Echo(), new Echo())) {
        for (int k = 0; k < inputs.size(); k++) {
          EveryTypeGraph.Execution e = journaled.get(k);
          assertEquals(k, e.number());
          assertTrue(e.completed());
          assertNull(e.failure());
          AllTypes in = new AllTypes(e.z(), e.b(), e.s(), e.c(), e.i(), e.l(), e.f(), e.d(), e.boxedZ(), e.boxedB(),
              e.boxedS(), e.boxedC(), e.boxedI(), e.boxedL(), e.boxedF(), e.boxedD(), e.text(), e.color(), e.zs(),
              e.bs(), e.ss(), e.cs(), e.is(), e.ls(), e.fs(), e.ds(), e.buffer(), e.nested(), e.points(), e.grid(),
              e.colors());
          assertTrue(Values.deepEquals(inputs.get(k), in), "inputs of execution " + k);
          assertTrue(Values.deepEquals(results.get(k), e.result()), "result of execution " + k);
          assertTrue(Values.deepEquals(results.get(k), fresh.replay(e).get()), "replay of execution " + k);
        }
      }
    });
  }

  private static EveryTypeGraph.Ref execute(EveryTypeGraph g, AllTypes v) {
    return g.execute(v.z(), v.b(), v.s(), v.c(), v.i(), v.l(), v.f(), v.d(), v.boxedZ(), v.boxedB(), v.boxedS(),
        v.boxedC(), v.boxedI(), v.boxedL(), v.boxedF(), v.boxedD(), v.text(), v.color(), v.zs(), v.bs(), v.ss(),
        v.cs(), v.is(), v.ls(), v.fs(), v.ds(), v.buffer(), v.nested(), v.points(), v.grid(), v.colors());
  }
}
