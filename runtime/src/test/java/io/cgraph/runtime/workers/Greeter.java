package io.cgraph.runtime.workers;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A test actor with transferable constructor arguments, which prints what it received. */
@Actor
public class Greeter {
  /** Settings: a record of transferable values. */
  public record Settings(String prefix, int[] factors, List<?> tags, TimeUnit unit, Inner inner) {}

  /** A nested record, with the value types java.time, java.util and java.math give, and a BytesMarshallable. */
  public record Inner(double weight, char mark, Long boxed, java.time.Instant at, java.util.UUID key,
      java.math.BigDecimal price, io.cgraph.runtime.internal.Quote quote) {}

  private final String text;

  public Greeter(Settings settings, ByteBuffer bytes, long id) {
    byte[] b = new byte[bytes.remaining()];
    bytes.get(b);
    this.text = settings.prefix() + " " + Arrays.toString(settings.factors()) + " " + settings.tags() + " "
        + settings.unit() + " " + settings.inner() + " " + Arrays.toString(b) + " #" + id;
    System.out.println("greeter says " + text);
    System.err.println("greeter warns " + id);
  }

  public Greeter(String failWith) {
    throw new IllegalArgumentException("cannot greet: " + failWith);
  }

  @GraphMethod
  public String greet(String who) {
    return text + " " + who;
  }
}
