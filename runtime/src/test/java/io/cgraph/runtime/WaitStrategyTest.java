package io.cgraph.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Wait strategies are behaviour, known by name. */
class WaitStrategyTest {
  @Test
  void everyStrategyIsFoundAgainByItsName() {
    for (WaitStrategy w : List.of(WaitStrategy.busySpin(), WaitStrategy.yielding(), WaitStrategy.balanced())) {
      assertSame(w, WaitStrategy.named(w.name()));
    }
    WaitStrategy custom = WaitStrategy.of(3, 5, true);
    assertEquals("custom(3,5,true)", custom.name());
    WaitStrategy again = WaitStrategy.named(custom.name());
    assertEquals(custom.name(), again.name());
    assertTrue(again.signalsParked());
    assertFalse(WaitStrategy.named("custom(7,0,false)").signalsParked());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WaitStrategy.named("sleepy"));
    assertTrue(e.getMessage().contains("busySpin, yielding, balanced"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WaitStrategy.named("custom(1,x,true)"));
  }

  @Test
  void theirPhasesAreWhatTheirNamesSay() {
    WaitStrategy balanced = WaitStrategy.of(2, 3, true);
    // rounds 0-1 spin, 2-4 yield, then park
    assertFalse(balanced.idle(0, 0));
    assertFalse(balanced.idle(1, 0));
    assertFalse(balanced.idle(4, 0));
    assertTrue(balanced.idle(5, 0));
    assertFalse(balanced.idle(5, 1), "an extra yield before parking");
    assertTrue(balanced.idle(6, 1));
    assertFalse(WaitStrategy.yielding().idle(1_000_000, 0), "yielding never parks");
    assertFalse(WaitStrategy.busySpin().idle(1_000_000, 0), "busySpin never parks");
    assertTrue(WaitStrategy.busySpin().occupiesCore());
    assertTrue(WaitStrategy.yielding().occupiesCore());
    assertFalse(WaitStrategy.balanced().occupiesCore());
  }
}
