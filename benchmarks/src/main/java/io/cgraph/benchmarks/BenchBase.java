package io.cgraph.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Settings every benchmark class inherits: one forked JVM per benchmark with the flags Chronicle
 * needs on Java 17 (keep in step with {@code chronicle.jvm.flags} in the root pom; cgraph channels
 * are Chronicle-mapped too), and the full-run iteration counts ({@code run.sh --quick} shortens
 * them).
 */
@Fork(value = 2, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true",
    "-Djdk.attach.allowAttachSelf=true"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public abstract class BenchBase {
  // (jdk.internal.misc: for Aeron, in the cross-host benchmarks)
  /** Ring size of the Disruptor baselines: twice the largest window, so no ring ever fills. */
  protected static final int RING = 1024;

  /** Executions kept in flight by the Linear3 and Diamond throughput benchmarks. */
  protected static final int PIPELINE_WINDOW = 16;

  /** Fails setup loudly when an implementation answers wrongly, instead of timing garbage. */
  protected static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("sanity check failed: " + what);
    }
  }
}
