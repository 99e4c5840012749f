package io.cgraph.example;

/** Features of the order's size. */
public record AmountFeature(double notional, double logNotional, boolean roundLot, double signal) {}
