package io.cgraph.benchmarks.baseline;

import io.cgraph.benchmarks.actors.Echo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The Chronicle Queue baseline: two queues (requests, replies) under /dev/shm, an echo thread
 * tailing the first and appending to the second, the driver appending and tailing the other way.
 * Both tailers spin with {@link Thread#onSpinWait()}: no Chronicle {@code Pauser} factory, which
 * silently becomes a millisecond sleeper on machines with fewer than four CPUs.
 *
 * <p>Driver side ({@link #echo}) must be called from one thread, the one that created the rig.
 */
public final class ChronicleEcho implements AutoCloseable {
  private final Path dir;
  private final ChronicleQueue requests;
  private final ChronicleQueue replies;
  private final ExcerptAppender driverAppender;
  private final ExcerptTailer driverTailer;
  private final Thread echoThread;
  private volatile boolean running = true;

  public ChronicleEcho(Echo echo) {
    try {
      Path shm = Paths.get("/dev/shm");
      dir = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "cq-bench-") : Files.createTempDirectory("cq-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    requests = ChronicleQueue.singleBuilder(dir.resolve("requests")).build();
    replies = ChronicleQueue.singleBuilder(dir.resolve("replies")).build();
    driverAppender = requests.createAppender();
    driverTailer = replies.createTailer().toEnd();
    CountDownLatch ready = new CountDownLatch(1);
    echoThread = new Thread(() -> serve(echo, ready), "chronicle-echo");
    echoThread.setDaemon(true);
    echoThread.start();
    try {
      // The echo thread's tailer must exist before the first request, or it starts past it.
      if (!ready.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the chronicle-echo thread did not start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void serve(Echo echo, CountDownLatch ready) {
    try (ExcerptTailer tailer = requests.createTailer().toEnd(); ExcerptAppender appender = replies.createAppender()) {
      ready.countDown();
      while (running) {
        long v;
        try (DocumentContext dc = tailer.readingDocument()) {
          if (!dc.isPresent()) {
            Thread.onSpinWait();
            continue;
          }
          v = dc.wire().bytes().readLong();
        }
        try (DocumentContext dc = appender.writingDocument()) {
          dc.wire().bytes().writeLong(echo.echo(v));
        }
      }
    }
  }

  /** One round trip: append {@code x}, spin until the echo comes back. */
  public long echo(long x) {
    try (DocumentContext dc = driverAppender.writingDocument()) {
      dc.wire().bytes().writeLong(x);
    }
    while (true) {
      try (DocumentContext dc = driverTailer.readingDocument()) {
        if (dc.isPresent()) {
          return dc.wire().bytes().readLong();
        }
      }
      Thread.onSpinWait();
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      echoThread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    driverAppender.close();
    driverTailer.close();
    requests.close();
    replies.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: the directory is under /dev/shm or the temp dir
    }
  }
}
