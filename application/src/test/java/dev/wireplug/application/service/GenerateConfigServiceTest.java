package dev.wireplug.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.in.GenerateConfigUseCase.GenerateConfigCommand;
import dev.wireplug.application.port.in.GenerateConfigUseCase.GeneratedConfig;
import dev.wireplug.domain.config.ClientConfig;
import dev.wireplug.domain.config.ClientConfigParser;
import dev.wireplug.domain.config.WireplugSettings;
import dev.wireplug.domain.net.InterfaceName;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GenerateConfigServiceTest {
    private final InMemorySecretFileStore files = new InMemorySecretFileStore();
    private final FakeKeyGenerator keys = new FakeKeyGenerator();
    private final GenerateConfigService service =
            new GenerateConfigService(keys, files, () -> Instant.parse("2026-11-25T10:00:00Z"));
    private final Path path = Path.of("/etc/wireplugd.wg0");

    @Test
    void writesAConfigThatLoadsBackWithTheGeneratedKey() throws Exception {
        GeneratedConfig generated = service.generate(new GenerateConfigCommand(new InterfaceName("wg0"), path));

        String text = files.files.get(path);
        ClientConfig config = ClientConfigParser.parse(path.toString(), text.lines().toList());
        assertEquals(generated.publicKey(), keys.publicKeyOf(config.interfaceSettings().privateKey()));
        assertEquals(WireplugSettings.defaults(), config.wireplug());
        assertTrue(text.contains("# PublicKey = " + generated.publicKey().toBase64()), text);
        assertTrue(text.contains("wg0") && text.contains("2026-11-25T10:00:00Z"), text);
    }

    @Test
    void refusesToReplaceAnExistingFile() {
        files.files.put(path, "precious");
        assertThrows(FileAlreadyExistsException.class,
                () -> service.generate(new GenerateConfigCommand(new InterfaceName("wg0"), path)));
        assertEquals("precious", files.files.get(path));
    }
}
