package golden.codecs;

public enum Color {
  RED,
  GREEN,
  BLUE
}
