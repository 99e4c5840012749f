package io.cgraph.runtime.exec;

import io.cgraph.runtime.ActorBusyException;
import java.util.IdentityHashMap;
import java.util.Map;

/** One graph per actor: which actor instances serve a live graph, by identity. */
final class ActorLeases {
  private static final Map<Object, String> LEASED = new IdentityHashMap<>();

  private ActorLeases() {}

  /** Leases all of {@code actors} to {@code graph}, or none of them. */
  static synchronized void acquire(GraphSpec spec, Object[] actors, String graph) {
    Map<Object, String> seen = new IdentityHashMap<>();
    for (int i = 0; i < actors.length; i++) {
      String name = spec.actorName(i);
      String earlier = seen.put(actors[i], name);
      if (earlier != null) {
        throw new ActorBusyException(graph + ": the same " + spec.actorType(i) + " instance was passed as both '"
            + earlier + "' and '" + name + "'; each actor parameter runs on its own thread, so pass a separate instance"
            + " for each");
      }
      String holder = LEASED.get(actors[i]);
      if (holder != null) {
        throw new ActorBusyException(graph + ": actor '" + name + "' (" + describe(actors[i]) + ") already serves "
            + holder + "; an actor serves one live graph at a time, so close that graph first (close() releases its"
            + " actors) or pass another instance");
      }
    }
    for (Object a : actors) {
      LEASED.put(a, graph);
    }
  }

  static synchronized void release(Object actor) {
    LEASED.remove(actor);
  }

  static String describe(Object actor) {
    return actor.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(actor));
  }
}
