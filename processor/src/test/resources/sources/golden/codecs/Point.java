package golden.codecs;

public record Point(int x, int y) {}
