package dev.wireplug.application.service;

import dev.wireplug.application.port.in.LoadConfigUseCase;
import dev.wireplug.application.port.out.SecretFileStore;
import dev.wireplug.domain.config.ClientConfig;
import dev.wireplug.domain.config.ClientConfigParser;
import dev.wireplug.domain.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

public final class LoadConfigService implements LoadConfigUseCase {
    private final SecretFileStore files;

    public LoadConfigService(SecretFileStore files) {
        this.files = files;
    }

    @Override
    public ClientConfig load(Path path) throws ConfigException {
        List<String> lines;
        try {
            lines = files.readLines(path).orElseThrow(() -> new ConfigException(path.toString(), 0,
                    "no such file (create one with: wireplugd IFNAME --generate-config --config " + path + ")"));
        } catch (IOException e) {
            throw new ConfigException(path.toString(), 0, "cannot read: " + e.getMessage());
        }
        return ClientConfigParser.parse(path.toString(), lines);
    }
}
