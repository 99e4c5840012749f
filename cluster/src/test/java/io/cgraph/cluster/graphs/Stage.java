package io.cgraph.cluster.graphs;

import io.cgraph.annotations.Actor;
import io.cgraph.annotations.GraphMethod;

/**
 * A stateful stage: each result depends on every earlier call, so results prove that every call
 * arrived once and in order. Throws for {@link #FAIL}.
 */
@Actor
public class Stage {
  public static final long FAIL = -77;
  private final long salt;
  private long state;

  public Stage(long salt) {
    this.salt = salt;
  }

  @GraphMethod
  public long add(long x) {
    if (x == FAIL) {
      throw new IllegalArgumentException("stage " + salt + " refuses " + x);
    }
    state = state * 31 + x + salt;
    return state;
  }

  /** The name of the thread that runs this actor's calls. */
  @GraphMethod
  public String thread(long x) {
    return Thread.currentThread().getName();
  }

  @GraphMethod
  public byte[] stamp(byte[] b) {
    byte[] out = b.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += (byte) salt;
    }
    state += out.length;
    return out;
  }
}
