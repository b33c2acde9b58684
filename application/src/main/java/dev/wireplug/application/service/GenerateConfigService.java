package dev.wireplug.application.service;

import dev.wireplug.application.port.in.GenerateConfigUseCase;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.KeyGenerator;
import dev.wireplug.application.port.out.SecretFileStore;
import dev.wireplug.domain.config.ClientConfig;
import dev.wireplug.domain.config.ClientConfigWriter;
import dev.wireplug.domain.config.InterfaceSettings;
import dev.wireplug.domain.config.WireplugSettings;
import dev.wireplug.domain.key.KeyPair;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import java.util.OptionalInt;

public final class GenerateConfigService implements GenerateConfigUseCase {
    private final KeyGenerator keys;
    private final SecretFileStore files;
    private final Clock clock;

    public GenerateConfigService(KeyGenerator keys, SecretFileStore files, Clock clock) {
        this.keys = keys;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public GeneratedConfig generate(GenerateConfigCommand command) throws FileAlreadyExistsException, IOException {
        KeyPair pair = keys.generate();
        ClientConfig config = new ClientConfig(
                new InterfaceSettings(pair.privateKey(), OptionalInt.empty(), List.of(), OptionalInt.empty()),
                List.of(),
                WireplugSettings.defaults());
        List<String> header = List.of(
                "wireplugd configuration for " + command.interfaceName() + ", generated " + clock.now(),
                "PublicKey = " + pair.publicKey().toBase64(),
                "",
                "Give the public key above to your peers. Then add, in this file:",
                "  Address = the tunnel address of this host, under [Interface]",
                "  Coordinator = host:port of your wpcod, under [Wireplug]",
                "  one [Peer] section per peer: PublicKey = ..., AllowedIPs = ...",
                "Without ListenPort, wireplugd picks a port for each network it joins.",
                "");
        String text = ClientConfigWriter.render(config, header) + """

                # [Peer]
                # PublicKey = <the peer's public key>
                # AllowedIPs = <the peer's tunnel address>/32
                # PersistentKeepalive = 25
                """;
        files.createNew(command.path(), text);
        return new GeneratedConfig(command.path(), pair.publicKey());
    }
}
