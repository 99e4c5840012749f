package io.cgraph.runtime.channel;

import io.cgraph.runtime.WaitStrategy;

/**
 * One thread's side of a {@link WaitAssist} across the waits it makes: whether it is counted as
 * assisting now, and the enter / leave calls that keep the count right (leave before parking or
 * running other work, enter again before the next round). Used by one thread at a time (a channel
 * end's or an executor's); a wait without an assist is a no-op throughout.
 */
public final class AssistedWait {
  private WaitAssist assist;
  private boolean assisting;

  /** Uses {@code assist} (null: none) from the next wait on; leaves the current one first. */
  public void use(WaitAssist assist) {
    if (assist != this.assist) {
      stop(false);
      this.assist = assist;
    }
  }

  /** Whether there is an assist to run. */
  public boolean present() {
    return assist != null;
  }

  /** One round of the assist, entering first if this thread is not counted yet; 0 without one. */
  public int round() {
    if (assist == null) {
      return 0;
    }
    if (!assisting) {
      assisting = true;
      assist.enter();
    }
    return assist.assist();
  }

  /** Stops counting this thread as assisting ({@code parking}: it is about to park). */
  public void stop(boolean parking) {
    if (assisting) {
      assisting = false;
      assist.leave(parking);
    }
  }

  /** The round a wait with {@code wait} starts from (see {@link Waiting#firstRound}). */
  public long firstRound(WaitStrategy wait) {
    return Waiting.firstRound(wait, assist);
  }
}
