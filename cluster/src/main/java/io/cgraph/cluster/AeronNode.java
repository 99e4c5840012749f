package io.cgraph.cluster;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agrona.concurrent.IdleStrategy;

/**
 * This JVM's Aeron: an embedded media driver (one shared thread) and its client, in a directory of
 * its own, {@code <shm>/cgraph-aeron-<pid>-<random>}, deleted at close. Directories of processes
 * that are gone are swept at start (a {@code kill -9} leaves one behind).
 */
final class AeronNode implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.cgraph.cluster");
  private static final Pattern NAME = Pattern.compile("cgraph-aeron-(\\d+)-[0-9a-f]+");

  private final MediaDriver driver;
  private final Aeron aeron;
  final Path dir;

  private AeronNode(MediaDriver driver, Aeron aeron, Path dir) {
    this.driver = driver;
    this.aeron = aeron;
    this.dir = dir;
  }

  /** Starts a media driver whose thread idles with {@code idle}, and connects to it. */
  static AeronNode start(Path parent, IdleStrategy idle) {
    sweep(parent);
    Path dir = parent.resolve("cgraph-aeron-" + ProcessHandle.current().pid() + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
    MediaDriver.Context ctx = new MediaDriver.Context()
        .aeronDirectoryName(dir.toString())
        .threadingMode(ThreadingMode.SHARED)
        .sharedIdleStrategy(idle)
        .dirDeleteOnStart(true)
        .dirDeleteOnShutdown(true)
        .termBufferSparseFile(true)
        .errorHandler(e -> LOG.log(System.Logger.Level.WARNING, "Aeron media driver: " + e, e));
    MediaDriver driver = MediaDriver.launchEmbedded(ctx);
    try {
      Aeron aeron = Aeron.connect(new Aeron.Context()
          .aeronDirectoryName(driver.aeronDirectoryName())
          .errorHandler(e -> LOG.log(System.Logger.Level.WARNING, "Aeron client: " + e, e)));
      return new AeronNode(driver, aeron, dir);
    } catch (RuntimeException e) {
      driver.close();
      throw e;
    }
  }

  /** Deletes the Aeron directories under {@code parent} of cgraph processes that no longer run. */
  static void sweep(Path parent) {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, "cgraph-aeron-*")) {
      for (Path p : entries) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches() || !Files.isDirectory(p) || !Files.isWritable(p)) {
          continue;
        }
        long pid = Long.parseLong(m.group(1));
        if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        if (pid != ProcessHandle.current().pid()) {
          LOG.log(System.Logger.Level.INFO, "deleting the stale Aeron directory " + p + " (process " + pid + " is gone)");
          io.cgraph.runtime.exec.ChannelDirs.deleteRecursively(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "could not sweep " + parent, e);
    }
  }

  Aeron aeron() {
    return aeron;
  }

  @Override
  public void close() {
    try {
      aeron.close();
    } finally {
      driver.close();
    }
  }
}
