package io.cgraph.runtime.sample;

import java.util.List;

public record Order(String id, double amount, Side side, List<String> tags) {}
