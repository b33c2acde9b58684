package dev.wireplug.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.out.SecretFileStore;
import dev.wireplug.domain.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadConfigServiceTest {
    private final Path path = Path.of("/etc/wireplugd.wg1");

    @Test
    void loadsAValidConfig() throws ConfigException {
        InMemorySecretFileStore files = new InMemorySecretFileStore();
        files.files.put(path, "[Interface]\nPrivateKey = " + "A".repeat(43) + "=\n");
        assertEquals(0, new LoadConfigService(files).load(path).peers().size());
    }

    @Test
    void aMissingFileSaysHowToCreateOne() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new LoadConfigService(new InMemorySecretFileStore()).load(path));
        assertEquals(path.toString(), e.source());
        assertTrue(e.getMessage().contains("--generate-config"), e.getMessage());
    }

    @Test
    void anUnreadableFileIsAConfigErrorNamingTheFile() {
        SecretFileStore broken = new SecretFileStore() {
            @Override
            public Optional<List<String>> readLines(Path p) throws IOException {
                throw new IOException("Permission denied");
            }

            @Override
            public void createNew(Path p, String content) {
                throw new UnsupportedOperationException();
            }
        };
        ConfigException e = assertThrows(ConfigException.class, () -> new LoadConfigService(broken).load(path));
        assertEquals("/etc/wireplugd.wg1: cannot read: Permission denied", e.getMessage());
    }

    @Test
    void parseErrorsCarryTheFileName() {
        InMemorySecretFileStore files = new InMemorySecretFileStore();
        files.files.put(path, "[Interface]\nPrivateKey = nope\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new LoadConfigService(files).load(path));
        assertTrue(e.getMessage().startsWith("/etc/wireplugd.wg1:2: "), e.getMessage());
    }
}
