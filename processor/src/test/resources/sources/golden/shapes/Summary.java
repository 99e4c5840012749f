package golden.shapes;

public record Summary(long total, String label, int length, long again, int version) {}
