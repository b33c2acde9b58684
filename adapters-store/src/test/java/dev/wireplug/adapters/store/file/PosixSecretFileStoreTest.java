package dev.wireplug.adapters.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixSecretFileStoreTest {
    private final PosixSecretFileStore store = new PosixSecretFileStore();

    @TempDir
    Path dir;

    @Test
    void createsFilesReadableByTheOwnerOnly() throws Exception {
        Path file = dir.resolve("wireplugd.wg0");
        store.createNew(file, "secret\n");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Optional.of(List.of("secret")), store.readLines(file));
    }

    @Test
    void neverReplacesAnExistingFileAndLeavesNoTemporaryBehind() throws Exception {
        Path file = dir.resolve("c");
        Files.writeString(file, "original");
        byte[] before = Files.readAllBytes(file);
        assertThrows(FileAlreadyExistsException.class, () -> store.createNew(file, "new"));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var entries = Files.list(dir)) {
            assertEquals(List.of(file), entries.toList());
        }
    }

    @Test
    void refusesToWriteThroughASymlink() throws Exception {
        Path target = dir.resolve("elsewhere");
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, target);
        assertThrows(FileAlreadyExistsException.class, () -> store.createNew(link, "x"));
        assertEquals(false, Files.exists(target));
    }

    @Test
    void createsMissingParentsPrivately() throws Exception {
        Path file = dir.resolve("var/lib/wpcod/private.key");
        store.createNew(file, "k\n");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void aMissingFileReadsAsEmpty() throws Exception {
        assertEquals(Optional.empty(), store.readLines(dir.resolve("none")));
    }
}
