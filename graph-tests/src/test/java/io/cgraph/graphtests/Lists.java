package io.cgraph.graphtests;

import java.util.List;

public record Lists(List<List<Integer>> grid, List<Nested> nested) {}
