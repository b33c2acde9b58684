package dev.wireplug.adapters.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.config.ConfigException;
import dev.wireplug.domain.config.KnownCoordinators;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.HostPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKnownCoordinatorStoreTest {
    private static final PublicKey KEY = PublicKey.parse("HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=");
    private static final HostPort COORD = new HostPort("coord.example.net", 3478);

    @TempDir
    Path dir;

    @Test
    void aMissingFileKnowsNothing() throws Exception {
        FileKnownCoordinatorStore store = new FileKnownCoordinatorStore(dir.resolve("state/known_coordinators"));
        assertEquals(Optional.empty(), store.read().find(COORD));
    }

    @Test
    void whatIsWrittenIsReadBackAndTheNewDirectoryIsRootOnly() throws Exception {
        Path file = dir.resolve("state/known_coordinators");
        FileKnownCoordinatorStore store = new FileKnownCoordinatorStore(file);
        store.write(KnownCoordinators.empty().with(COORD, KEY));
        assertEquals(KEY, store.read().find(COORD).orElseThrow().key());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(1, listing.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aDamagedFileIsAnErrorNamingItsLine() throws Exception {
        Path file = dir.resolve("known_coordinators");
        Files.writeString(file, "# ok\ncoord.example.net:3478\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new FileKnownCoordinatorStore(file).read());
        assertTrue(e.getMessage().startsWith(file + ":2: "), e.getMessage());
    }
}
