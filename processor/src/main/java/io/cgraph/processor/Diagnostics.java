package io.cgraph.processor;

import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/**
 * The messages of one graph (or one element), buffered until its processing completes, so that a
 * graph deferred to a later round reports nothing twice, and every problem of a graph is reported,
 * not just the first.
 */
final class Diagnostics {
  private record Pending(Diagnostic.Kind kind, String message, Site site) {}

  private final List<Pending> pending = new ArrayList<>();
  private int errors;
  private boolean failed;

  /** Reports {@code message}, an error of the catalogue ({@link Messages#kindOf} says so), at {@code site}. */
  void error(Site site, String message) {
    if (Messages.kindOf(message) != Diagnostic.Kind.ERROR) {
      throw new IllegalArgumentException("not an error in the catalogue: " + message);
    }
    pending.add(new Pending(Diagnostic.Kind.ERROR, message, site));
    errors++;
  }

  /** Marks the graph as failed for a problem reported elsewhere (on an actor class or method). */
  void fail() {
    failed = true;
  }

  /** Whether the graph is invalid: an error was reported for it, or {@link #fail()} was called. */
  boolean failed() {
    return failed || errors > 0;
  }

  int errorCount() {
    return errors;
  }

  /** Prints every buffered message and forgets it. */
  void flush(Messager messager, Trees trees) {
    for (Pending p : pending) {
      if (p.site() instanceof Site.OnTree t && trees != null) {
        trees.printMessage(p.kind(), p.message(), t.tree(), t.unit());
      } else if (p.site() instanceof Site.OnElement e) {
        if (e.annotation() != null && e.value() != null) {
          messager.printMessage(p.kind(), p.message(), e.element(), e.annotation(), e.value());
        } else if (e.annotation() != null) {
          messager.printMessage(p.kind(), p.message(), e.element(), e.annotation());
        } else {
          messager.printMessage(p.kind(), p.message(), e.element());
        }
      } else {
        messager.printMessage(p.kind(), p.message());
      }
    }
    pending.clear();
  }
}
