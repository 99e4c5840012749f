package io.cgraph.runtime.sample;

public enum Side {
  BUY,
  SELL
}
