package io.cgraph.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cgraph.runtime.CGraphException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker attaches only to an owner-only channel directory of its own user. */
class WorkerDirCheckTest {
  @TempDir Path parent;

  @Test
  void acceptsOnlyOwnerOnlyDirectoriesOfThisUser() throws Exception {
    Path dir = ChannelDirs.create(parent, "G");
    assertDoesNotThrow(() -> ChannelDirs.checkOwnedByMe(dir));

    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
    CGraphException open = assertThrows(CGraphException.class, () -> ChannelDirs.checkOwnedByMe(dir));
    assertTrue(open.getMessage().contains("rwxr-x---"), open.getMessage());
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));

    Path link = Files.createSymbolicLink(parent.resolve("link"), dir);
    CGraphException linked = assertThrows(CGraphException.class, () -> ChannelDirs.checkOwnedByMe(link));
    assertTrue(linked.getMessage().contains("symbolic link"), linked.getMessage());

    // Another user's directory (the check against a user other than the owner; as root, a real chown too).
    UserPrincipal nobody = parent.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    CGraphException foreign = assertThrows(CGraphException.class, () -> ChannelDirs.checkOwnedBy(dir, nobody));
    assertTrue(foreign.getMessage().contains("not by nobody"), foreign.getMessage());
    if ("root".equals(System.getProperty("user.name"))) {
      Files.setOwner(dir, nobody);
      CGraphException chowned = assertThrows(CGraphException.class, () -> ChannelDirs.checkOwnedByMe(dir));
      assertTrue(chowned.getMessage().contains("owned by nobody"), chowned.getMessage());
    }
    ChannelDirs.deleteRecursively(dir);
  }
}
