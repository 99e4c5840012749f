package io.cgraph.runtime.internal;

import java.lang.ref.Cleaner;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every graph of this JVM that is open: closed by one shutdown hook at exit, and by a Cleaner when
 * the program drops a graph without closing it.
 */
final class LiveGraphs {
  private static final System.Logger LOG = System.getLogger("io.cgraph.runtime");
  private static final Cleaner CLEANER = Cleaner.create(r -> {
    Thread t = new Thread(r, "cgraph-cleaner");
    t.setDaemon(true);
    return t;
  });
  private static final Set<GraphRuntime> LIVE = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

  private LiveGraphs() {}

  /** Registers a started graph; the shutdown hook closes it if it is still open at exit. */
  static void add(GraphRuntime runtime) {
    if (HOOK_INSTALLED.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        for (GraphRuntime rt : LIVE) {
          rt.close();
        }
      }, "cgraph-shutdown"));
    }
    LIVE.add(runtime);
  }

  /** Forgets a closing graph. */
  static void remove(GraphRuntime runtime) {
    LIVE.remove(runtime);
  }

  /** Closes {@code runtime} when {@code graph}, its generated shell, becomes unreachable without close(). */
  static void closeWhenUnreachable(Object graph, GraphRuntime runtime) {
    CLEANER.register(graph, new Closer(runtime));
  }

  /** The Cleaner action: must not reference the graph object. */
  private record Closer(GraphRuntime runtime) implements Runnable {
    @Override
    public void run() {
      if (!runtime.isClosed()) {
        LOG.log(System.Logger.Level.WARNING, runtime + " became unreachable without close(); closing it now."
            + " Close graphs explicitly (try-with-resources) to release their threads and channel files promptly.");
        runtime.close();
      }
    }
  }
}
