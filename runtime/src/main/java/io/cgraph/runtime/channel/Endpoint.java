package io.cgraph.runtime.channel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * What a channel's writer and each reader share: which thread is inside the mapped memory (so that
 * {@link Channel#close()} can wait for it before unmapping), and which thread is parked (so that
 * the channel can wake it).
 */
abstract class Endpoint {
  private static final VarHandle USER;

  static {
    try {
      USER = MethodHandles.lookup().findVarHandle(Endpoint.class, "user", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Channel channel;
  /** The thread inside a method of this endpoint (so inside the mapped memory), for close(). */
  @SuppressWarnings("unused") // accessed through USER
  private volatile Thread user;
  /** The thread parked in this endpoint's wait, for unpark and wakeAll(). */
  volatile Thread parked;
  /** False once the owner took over close-safety ({@link #unguarded}): enter and leave cost nothing then. */
  private boolean tracked = true;

  Endpoint(Channel channel) {
    this.channel = channel;
  }

  /**
   * The owner of this end guarantees that no thread is inside it when the channel closes (the
   * runtime closes a graph's channels only after its executors let go of the graph's tasks and while
   * it holds the driver's submit and pump locks), so the per-call bookkeeping is skipped. Call before
   * first use.
   */
  public final void unguarded() {
    tracked = false;
  }

  /** Marks the calling thread as inside the mapped memory (a volatile store, so close() sees it), then checks open. */
  final void enter() {
    if (!tracked) {
      channel.checkOpen();
      return;
    }
    enterUnchecked();
    try {
      channel.checkOpen();
    } catch (RuntimeException e) {
      leave();
      throw e;
    }
  }

  /** Marks the calling thread as inside the mapped memory, without the open check (the caller checks). */
  final void enterUnchecked() {
    if (!tracked) {
      return;
    }
    // Already marked (between await and release, or claim and publish): its volatile store, which
    // close() relies on, was made then, so the fence is not paid twice.
    Thread me = Thread.currentThread();
    if (USER.getOpaque(this) != me) {
      USER.setVolatile(this, me);
    }
  }

  final void leave() {
    if (tracked) {
      USER.setRelease(this, null);
    }
  }

  /** Unparks the thread parked in this endpoint, if any. */
  final void wake() {
    Thread t = parked;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** For close(): whether no (live) thread is inside a method of this endpoint. */
  final boolean idleForClose() {
    Thread t = (Thread) USER.getVolatile(this);
    return t == null || t == Thread.currentThread() || !t.isAlive();
  }
}
