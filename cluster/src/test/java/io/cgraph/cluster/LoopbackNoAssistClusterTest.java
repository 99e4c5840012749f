package io.cgraph.cluster;

/**
 * Every {@link LoopbackClusterTest} with waiting threads leaving the data path to the data thread
 * ({@code waitersRunDataPath(false)} on the driver, {@code --waiters-run-data-path false} on the
 * agent): the same results, failures and clean-up.
 */
class LoopbackNoAssistClusterTest extends LoopbackClusterTest {
  @Override
  boolean waitersRunDataPath() {
    return false;
  }
}
