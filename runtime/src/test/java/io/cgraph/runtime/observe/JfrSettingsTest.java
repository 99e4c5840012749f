package io.cgraph.runtime.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/** The per-execution events are off unless asked for; the shipped cgraph.jfc asks for all three. */
class JfrSettingsTest {
  @Test
  void perExecutionEventsAreOffByDefaultAndTheShippedSettingsTurnThemOn() throws Exception {
    FlightRecorder.register(ExecutionEvent.class);
    FlightRecorder.register(ActorCallEvent.class);
    FlightRecorder.register(WaitEvent.class);
    try (Recording running = new Recording(Configuration.getConfiguration("profile"))) {
      running.start();
      // A recording with a JDK settings file: the thresholded wait event is on, the per-execution ones are not.
      assertEquals(false, EventType.getEventType(ExecutionEvent.class).isEnabled());
      assertEquals(false, EventType.getEventType(ActorCallEvent.class).isEnabled());
      assertEquals(true, EventType.getEventType(WaitEvent.class).isEnabled());
    }
    try (Reader r = new InputStreamReader(
        JfrSettingsTest.class.getResourceAsStream("/io/cgraph/runtime/observe/cgraph.jfc"), StandardCharsets.UTF_8)) {
      Map<String, String> settings = Configuration.create(r).getSettings();
      assertNotNull(settings);
      assertEquals("true", settings.get("io.cgraph.Execution#enabled"));
      assertEquals("true", settings.get("io.cgraph.ActorCall#enabled"));
      assertEquals("true", settings.get("io.cgraph.Wait#enabled"));
    }
  }
}
