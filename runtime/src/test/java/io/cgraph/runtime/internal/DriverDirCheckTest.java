package io.cgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.CGraphException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver refuses channel directory parents where another user could replace the graph's directory. */
class DriverDirCheckTest {
  @TempDir Path tmp;

  @Test
  void aGroupOrOtherWritableParentThatIsNotStickyIsRefused() throws Exception {
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    CGraphException e = assertThrows(CGraphException.class, () -> ChannelDirs.create(open, "G"));
    assertTrue(e.getMessage().contains("writable by its group and not sticky"), e.getMessage());
    try (var files = Files.list(open)) {
      assertEquals(0, files.count(), "nothing was created there");
    }
    Path mine = Files.createDirectory(tmp.resolve("mine"));
    Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path dir = ChannelDirs.create(mine, "G");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    ChannelDirs.deleteRecursively(dir);
  }

  @Test
  void aSymbolicLinkParentIsRefused() throws Exception {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    CGraphException e = assertThrows(CGraphException.class, () -> ChannelDirs.create(link, "G"));
    assertTrue(e.getMessage().contains("is a symbolic link"), e.getMessage());
  }

  @Test
  void aParentOwnedByAnotherUserIsRefused() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "needs root to give a directory to user nobody");
    Path theirs = Files.createDirectory(tmp.resolve("theirs"));
    UserPrincipal nobody = theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(theirs, nobody);
    CGraphException e = assertThrows(CGraphException.class, () -> ChannelDirs.create(theirs, "G"));
    assertTrue(e.getMessage().contains("owned by nobody, who could replace"), e.getMessage());
    // A sticky directory (like /tmp and /dev/shm) is fine whoever owns it.
    Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setAttribute(theirs, "unix:mode", 01777);
    Path dir = ChannelDirs.create(theirs, "G");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    ChannelDirs.deleteRecursively(dir);
  }
}
