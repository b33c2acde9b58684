package dev.wireplug.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wireplug.domain.config.ConfigException;
import dev.wireplug.domain.key.KeyPair;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerKeyServiceTest {
    private final InMemorySecretFileStore files = new InMemorySecretFileStore();
    private final FakeKeyGenerator keys = new FakeKeyGenerator();
    private final ServerKeyService service = new ServerKeyService(keys, files);
    private final Path keyFile = Path.of("/var/lib/wpcod/private.key");

    @Test
    void createsTheKeyFileOnceAndReusesIt() throws ConfigException {
        KeyPair first = service.loadOrCreate(keyFile);
        assertEquals(first.privateKey().toBase64() + "\n", files.files.get(keyFile));
        KeyPair second = service.loadOrCreate(keyFile);
        assertEquals(first, second);
    }

    @Test
    void aCorruptKeyFileNamesTheFileAndLine() {
        files.files.put(keyFile, "\n\nnot a key\n");
        ConfigException e = assertThrows(ConfigException.class, () -> service.loadOrCreate(keyFile));
        assertEquals(3, e.line());
        files.files.put(keyFile, "a\nb\n");
        assertEquals(0, assertThrows(ConfigException.class, () -> service.loadOrCreate(keyFile)).line());
    }
}
