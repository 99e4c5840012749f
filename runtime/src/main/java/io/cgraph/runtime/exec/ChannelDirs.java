package io.cgraph.runtime.exec;

import io.cgraph.runtime.CGraphException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where channel files live: a fresh owner-only directory per graph instance. */
final class ChannelDirs {
  private static final Path SHM = Paths.get("/dev/shm");

  private ChannelDirs() {}

  /** The default parent: /dev/shm when it exists and is writable, else the temp directory. */
  static Path defaultParent() {
    if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
      return SHM;
    }
    return Paths.get(System.getProperty("java.io.tmpdir"));
  }

  /** Creates {@code parent/cgraph-<graph>-<pid>-<random>} with mode 0700. */
  static Path create(Path parent, String graph) {
    try {
      Files.createDirectories(parent);
      String prefix = "cgraph-" + graph + "-" + ProcessHandle.current().pid() + "-";
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        return Files.createTempDirectory(parent, prefix,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      return Files.createTempDirectory(parent, prefix);
    } catch (IOException e) {
      throw new CGraphException(graph + ": cannot create a channel directory under " + parent + " (" + e
          + "); pass a writable directory with GraphOptions.withChannelDir(...)", e);
    }
  }

  /** Deletes {@code dir} and whatever is left in it; returns false if something could not be deleted. */
  static boolean deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return true;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      boolean ok = true;
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          ok = false;
        }
      }
      return ok;
    } catch (IOException e) {
      return false;
    }
  }
}
