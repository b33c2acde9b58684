package dev.wireplug.application.service;

import dev.wireplug.application.port.in.LoadServerConfigUseCase;
import dev.wireplug.application.port.out.SecretFileStore;
import dev.wireplug.domain.config.ConfigException;
import dev.wireplug.domain.config.ServerConfig;
import dev.wireplug.domain.config.ServerConfigParser;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class LoadServerConfigService implements LoadServerConfigUseCase {
    private final SecretFileStore files;

    public LoadServerConfigService(SecretFileStore files) {
        this.files = files;
    }

    @Override
    public ServerConfig load(LoadServerConfigCommand command) throws ConfigException {
        String source = command.file().toString();
        Optional<List<String>> lines;
        try {
            lines = files.readLines(command.file());
        } catch (IOException e) {
            throw new ConfigException(source, 0, "cannot read: " + e.getMessage());
        }
        if (lines.isEmpty() && command.required()) {
            throw new ConfigException(source, 0, "no such file");
        }
        ServerConfig config = lines.isPresent()
                ? ServerConfigParser.parse(source, lines.get(), ServerConfig.defaults())
                : ServerConfig.defaults();
        for (Map.Entry<String, String> flag : command.flags().entrySet()) {
            try {
                config = ServerConfigParser.apply(config, flag.getKey(), flag.getKey(), flag.getValue());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("command line", 0, flagName(flag.getKey()) + ": " + e.getMessage());
            }
        }
        return config;
    }

    /** {@code AlternateAddress} is {@code --alternate-address} on the command line. */
    static String flagName(String key) {
        return "--" + key.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
