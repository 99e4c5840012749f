package golden.codecs;

public final class Outer {
  private Outer() {}

  /** A nested record: its codec is named Outer_Inner. */
  public record Inner(String name, Color color, Integer maybe) {}
}
