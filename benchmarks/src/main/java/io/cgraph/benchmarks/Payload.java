package io.cgraph.benchmarks;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The payload sweep's sizes and source array, shared by cgraph and the arraycopy floor. */
@State(Scope.Thread)
public class Payload {
  @Param({"64", "4096", "65536", "1048576"})
  public int size;
  byte[] data;

  @Setup
  public void setup() {
    data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) (i * 31);
    }
  }
}
