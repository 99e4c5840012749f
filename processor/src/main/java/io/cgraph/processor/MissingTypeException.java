package io.cgraph.processor;

/**
 * A type a graph needs is not resolvable yet (another processor may generate it in a later round):
 * the graph is deferred by name and tried again.
 */
final class MissingTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MissingTypeException(String typeName) {
    super(typeName, null, false, false);
  }

  String typeName() {
    return getMessage();
  }
}
