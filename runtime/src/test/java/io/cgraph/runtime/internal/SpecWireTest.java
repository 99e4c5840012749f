package io.cgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A graph's shape as workers and hosts receive it: ring hops survive the trip; another layout is refused clearly. */
class SpecWireTest {
  private static GraphSpec collectiveSpec() {
    return GraphSpec.builder("RingGraph", 4, 256)
        .actor("a", "x.A").actor("b", "x.B").actor("c", "x.C")
        .channel("input", GraphSpec.DRIVER, 0, 1, 2)
        .ring("sum.ring0", 4, 0, 1)
        .ring("sum.ring1", 4, 1, 2)
        .ring("sum.ring2", 4, 2, 0)
        .channel("a.take", 0, GraphSpec.DRIVER)
        .outputs(4)
        .build();
  }

  @Test
  void ringHopsSurviveTheTrip() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    WorkerProtocol.writeSpec(new DataOutputStream(bytes), collectiveSpec());
    GraphSpec read = WorkerProtocol.readSpec(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    GraphSpec spec = collectiveSpec();
    assertEquals(spec.channelCount(), read.channelCount());
    for (int c = 0; c < spec.channelCount(); c++) {
      assertEquals(spec.channel(c).name(), read.channel(c).name());
      assertEquals(spec.channel(c).writer(), read.channel(c).writer());
      assertArrayEquals(spec.channel(c).readers(), read.channel(c).readers());
      assertEquals(spec.channel(c).ring(), read.channel(c).ring());
    }
    assertEquals(1, read.collectiveCount());
    assertEquals("sum", read.collectiveName(0));
    assertArrayEquals(new int[] {0, 1, 2}, read.collectiveParticipants(0));
    // every participant waits on its peers: an executor of its own; ring hops never gate a step
    for (int a = 0; a < 3; a++) {
      assertTrue(read.waitsOnItself(a), "actor " + a);
      assertArrayEquals(new int[] {0}, read.gates(a));
    }
    // a hop gets more slots only as a mirror of another host's writer: 4 slots x 2(N-1)
    assertEquals(4, read.slots(1, 4, false));
    assertEquals(16, read.slots(1, 4, true));
    assertEquals(4, read.slots(4, 4, true));
  }

  @Test
  void anotherLayoutIsRefusedWithWhatToDo() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF("OldGraph"); // an older build wrote the name first
      out.writeInt(4);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    IOException e = assertThrows(IOException.class,
        () -> WorkerProtocol.readSpec(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    assertTrue(e.getMessage().contains("the driver and this worker or host run different versions of"
        + " cgraph-runtime; run the same version on both"), e.getMessage());
  }
}
