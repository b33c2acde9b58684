package dev.wireplug.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wireplug.application.port.in.LoadServerConfigUseCase.LoadServerConfigCommand;
import dev.wireplug.domain.config.ConfigException;
import dev.wireplug.domain.config.ServerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadServerConfigServiceTest {
    private final InMemorySecretFileStore files = new InMemorySecretFileStore();
    private final LoadServerConfigService service = new LoadServerConfigService(files);
    private final Path path = Path.of("/etc/wpcod.conf");

    @Test
    void anAbsentDefaultFileMeansDefaults() throws ConfigException {
        assertEquals(ServerConfig.defaults(), service.load(new LoadServerConfigCommand(path, false, Map.of())));
    }

    @Test
    void anAbsentNamedFileIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> service.load(new LoadServerConfigCommand(path, true, Map.of())));
        assertEquals("/etc/wpcod.conf: no such file", e.getMessage());
    }

    @Test
    void flagsOverrideTheFile() throws ConfigException {
        files.files.put(path, "Listen = 198.18.0.10:4000\nStore = redis://r:6379\n");
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("Listen", "198.18.0.10:5000");
        ServerConfig c = service.load(new LoadServerConfigCommand(path, true, flags));
        assertEquals(5000, c.listen().port());
        assertEquals("redis://r:6379", c.store());
    }

    @Test
    void aBadFlagIsNamedAsAFlag() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> service.load(new LoadServerConfigCommand(path, false, Map.of("AlternateAddress", "nope"))));
        assertEquals("command line: --alternate-address: 'nope' is not an IPv4 address (expected a.b.c.d)",
                e.getMessage());
    }
}
