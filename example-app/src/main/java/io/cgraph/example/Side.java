package io.cgraph.example;

/** Buy or sell. */
public enum Side {
  BUY,
  SELL
}
