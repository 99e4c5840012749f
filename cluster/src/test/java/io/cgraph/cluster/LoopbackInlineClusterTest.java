package io.cgraph.cluster;

/**
 * Every {@link LoopbackClusterTest} with the agent's actors run by its data thread
 * ({@code --actors-on-data-thread true}): the same results, failures and clean-up.
 */
class LoopbackInlineClusterTest extends LoopbackClusterTest {
  @Override
  boolean actorsOnDataThread() {
    return true;
  }
}
