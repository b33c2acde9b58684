package dev.wireplug.application.port.in;

import dev.wireplug.domain.config.ConfigException;
import dev.wireplug.domain.config.ServerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** wpcod's settings: defaults, then the config file, then the command-line flags. */
public interface LoadServerConfigUseCase {

    /**
     * @param file the config file
     * @param required false for the default path, which may be absent
     * @param flags settings given on the command line, by config key (e.g. "Listen"), in order
     */
    record LoadServerConfigCommand(Path file, boolean required, Map<String, String> flags) {
        public LoadServerConfigCommand {
            Objects.requireNonNull(file, "file");
            flags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(flags));
        }
    }

    ServerConfig load(LoadServerConfigCommand command) throws ConfigException;
}
