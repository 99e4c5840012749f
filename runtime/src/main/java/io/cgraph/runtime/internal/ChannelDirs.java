package io.cgraph.runtime.internal;

import io.cgraph.runtime.CGraphException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Where channel files live: a fresh owner-only directory per graph instance. */
public final class ChannelDirs {
  private static final System.Logger LOG = System.getLogger("io.cgraph.runtime");
  private static final Path SHM = Paths.get("/dev/shm");
  private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

  private ChannelDirs() {}

  /** The default parent: /dev/shm when it exists and is writable, else the temp directory. */
  public static Path defaultParent() {
    if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
      return SHM;
    }
    return Paths.get(System.getProperty("java.io.tmpdir"));
  }

  /** Creates {@code parent/cgraph-<graph>-<pid>-<random>} with mode 0700. */
  public static Path create(Path parent, String graph) {
    try {
      Files.createDirectories(parent);
      if (SWEPT.add(parent.toAbsolutePath().normalize())) {
        sweepStale(parent);
      }
      String prefix = "cgraph-" + graph + "-" + ProcessHandle.current().pid() + "-";
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        checkParent(parent, graph);
        Path dir = Files.createTempDirectory(parent, prefix,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        checkOwnedByMe(dir); // what a worker checks before it attaches, the driver checks too
        return dir;
      }
      return Files.createTempDirectory(parent, prefix);
    } catch (IOException e) {
      throw new CGraphException(graph + ": cannot create a channel directory under " + parent + " (" + e
          + "); pass a writable directory with GraphOptions.withChannelDir(...)", e);
    }
  }

  /**
   * Refuses a parent in which another user could replace the graph's directory: one owned by another
   * user (root excepted) or writable by group or others, unless it is sticky like /tmp and /dev/shm
   * (there only a directory's owner may rename or remove it), and a parent that is a symbolic link.
   */
  static void checkParent(Path parent, String graph) throws IOException {
    if (Files.isSymbolicLink(parent)) {
      throw new CGraphException(graph + ": refusing channel directory parent " + parent + ": it is a symbolic link;"
          + " pass the real directory with GraphOptions.withChannelDir(...)");
    }
    int mode;
    try {
      mode = (Integer) Files.getAttribute(parent, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return; // no unix attributes here: the owner-only directory is still checked
    }
    boolean sticky = (mode & 01000) != 0;
    if (sticky) {
      return;
    }
    UserPrincipal owner = Files.getOwner(parent, LinkOption.NOFOLLOW_LINKS);
    UserPrincipal me = currentUser(parent);
    if (!owner.equals(me) && !owner.getName().equals("root")) {
      throw new CGraphException(graph + ": refusing channel directory parent " + parent + ": it is owned by "
          + owner.getName() + ", who could replace this graph's channel directory (it is not sticky like /tmp);"
          + " pass a directory owned by " + me.getName() + " with GraphOptions.withChannelDir(...)");
    }
    if ((mode & 0022) != 0) {
      throw new CGraphException(graph + ": refusing channel directory parent " + parent + ": it is writable by "
          + ((mode & 0020) != 0 ? "its group" : "others") + " and not sticky, so another user could replace this"
          + " graph's channel directory; use chmod go-w (or a sticky directory such as /dev/shm)");
    }
  }

  /**
   * Deletes channel directories left by processes of this user that died without closing their
   * graphs (for example killed with {@code kill -9}): {@code cgraph-<graph>-<pid>-<random>} whose
   * pid is no longer alive; the cluster's Aeron directories ({@code cgraph-aeron-<pid>-<random>}) too.
   */
  public static int sweepStale(Path parent) {
    int removed = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, "cgraph-*")) {
      UserPrincipal me = null;
      for (Path dir : dirs) {
        long pid = pidOf(dir.getFileName().toString());
        if (pid <= 0 || pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).isPresent()
            || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (me == null) {
          me = currentUser(parent);
        }
        if (me != null && me.equals(Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS)) && deleteRecursively(dir)) {
          removed++;
          LOG.log(System.Logger.Level.INFO, "removed stale channel directory " + dir + " of dead process " + pid);
        }
      }
    } catch (IOException | SecurityException e) {
      LOG.log(System.Logger.Level.DEBUG, "could not sweep stale channel directories under " + parent, e);
    }
    return removed;
  }

  /** The pid in {@code cgraph-<graph>-<pid>-<random>}, or -1. */
  static long pidOf(String name) {
    String[] parts = name.split("-");
    if (parts.length < 4 || !parts[0].equals("cgraph")) {
      return -1;
    }
    try {
      return Long.parseLong(parts[parts.length - 2]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * For a worker process about to attach to a driver's channel directory: throws unless
   * {@code dir} is a real directory (not a symbolic link), owned by this process's user, with
   * mode 0700 (no access for group or others).
   */
  static void checkOwnedByMe(Path dir) {
    checkOwnedBy(dir, null);
  }

  /** As {@link #checkOwnedByMe}, against {@code user} ({@code null}: this process's user). */
  static void checkOwnedBy(Path dir, UserPrincipal user) {
    try {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new CGraphException("refusing channel directory " + dir + ": it is not a directory (or is a symbolic"
            + " link)");
      }
      UserPrincipal me = user != null ? user : currentUser(dir.getParent());
      UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
      if (!owner.equals(me)) {
        throw new CGraphException("refusing channel directory " + dir + ": it is owned by " + owner.getName()
            + ", not by " + me.getName() + " who runs this worker; a worker attaches only to its own user's"
            + " directories");
      }
      Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(dir,
          LinkOption.NOFOLLOW_LINKS);
      if (!perms.equals(PosixFilePermissions.fromString("rwx------"))) {
        throw new CGraphException("refusing channel directory " + dir + ": its mode is "
            + PosixFilePermissions.toString(perms) + ", not rwx------ (owner only)");
      }
    } catch (IOException | UnsupportedOperationException e) {
      throw new CGraphException("cannot check the owner and mode of channel directory " + dir + ": " + e, e);
    }
  }

  private static UserPrincipal currentUser(Path parent) throws IOException {
    Path probe = Files.createTempFile(parent, ".cgraph-owner-", ".probe");
    try {
      return Files.getOwner(probe);
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  /** Deletes {@code dir} and whatever is left in it; returns false if something could not be deleted. */
  public static boolean deleteRecursively(Path dir) {
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
