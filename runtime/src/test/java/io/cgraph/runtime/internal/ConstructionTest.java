package io.cgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.annotations.Actor;
import io.cgraph.runtime.CGraphException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * What a worker process or host agent creates from a construction message: only {@code @Actor}
 * classes, checked before the named class is initialised, so that whoever reaches its pipe or its
 * control port cannot make it instantiate anything else.
 */
class ConstructionTest {
  /** Set by {@link Tripwire}'s static initialiser: it must never run. */
  static volatile boolean tripped;

  /** Not an actor; initialising it would be a side effect of a forged message. */
  public static class Tripwire {
    static {
      tripped = true;
    }

    public Tripwire() {}
  }

  @Actor
  public static class Counter {
    final int start;

    public Counter(int start) {
      this.start = start;
    }
  }

  private static DataInputStream message(String className, int intArg) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      // The shape writeConstruction gives: the class name, then the arguments.
      WorkerProtocol.writeConstruction(out, Counter.class, new Object[] {intArg});
    }
    byte[] written = bytes.toByteArray();
    // Replace the class name, keep the arguments: what a peer forging the message would send.
    DataInputStream original = new DataInputStream(new ByteArrayInputStream(written));
    String name = original.readUTF();
    byte[] rest = original.readAllBytes();
    ByteArrayOutputStream forged = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(forged)) {
      out.writeUTF(className == null ? name : className);
      out.write(rest);
    }
    return new DataInputStream(new ByteArrayInputStream(forged.toByteArray()));
  }

  @Test
  void anActorClassIsCreated() throws Exception {
    Object made = WorkerProtocol.construct(message(null, 41), getClass().getClassLoader());
    assertEquals(41, ((Counter) made).start);
  }

  @Test
  void aClassWithoutActorIsRefusedBeforeItIsInitialised() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WorkerProtocol.construct(message(Tripwire.class.getName(), 1), getClass().getClassLoader()));
    assertTrue(e.getMessage().startsWith(Tripwire.class.getName() + " is not an @Actor class; only classes annotated"
        + " @io.cgraph.annotations.Actor are created"), e.getMessage());
    assertFalse(tripped, "the refused class's static initialiser ran");
  }

  @Test
  void aJdkClassIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WorkerProtocol.construct(message("java.lang.ProcessBuilder", 1), getClass().getClassLoader()));
    assertTrue(e.getMessage().startsWith("java.lang.ProcessBuilder is not an @Actor class"), e.getMessage());
  }

  @Test
  void theDriverSideCheckSaysTheSame() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WorkerProtocol.constructorFor(StringBuilder.class, new Object[0]));
    assertTrue(e.getMessage().startsWith("java.lang.StringBuilder is not an @Actor class"), e.getMessage());
  }

  @Test
  void anEnumArgumentMustNameAnEnum() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      WorkerProtocol.writeConstruction(out, Counter.class, new Object[] {java.time.DayOfWeek.MONDAY});
    }
    String written = new String(bytes.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
    // Forge the enum's class name into a non-enum class name of the same length (the stream keeps its shape).
    String forged = written.replace("java.time.DayOfWeek", "java.util.ArrayList");
    assertEquals(written.length(), forged.length());
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(
        forged.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    CGraphException e = assertThrows(CGraphException.class, () -> WorkerProtocol.construct(in,
        getClass().getClassLoader()));
    assertEquals("java.util.ArrayList is not an enum in the worker", e.getMessage());
  }
}
