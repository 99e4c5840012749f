package io.cgraph.gpu;

/**
 * A JVM started with a backend choice that cannot work: prints what each of two calls of
 * {@link Gpu#backend()} throws ({@code <class>: <message>}), so a test can check that both say why.
 */
final class BadBackendChoice {
  private BadBackendChoice() {}

  public static void main(String[] args) {
    for (int i = 0; i < 2; i++) {
      try {
        System.out.println("BACKEND " + Gpu.backend().kind());
      } catch (RuntimeException | Error e) {
        System.out.println("THROWN " + e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }
}
