package io.cgraph.runtime.sample;

public record Result(Order order, long score) {}
