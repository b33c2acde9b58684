package dev.wireplug.application.port.in;

import dev.wireplug.domain.config.ClientConfig;
import dev.wireplug.domain.config.ConfigException;
import java.nio.file.Path;

/** Reads and validates a client config; any problem names the file and line. */
public interface LoadConfigUseCase {
    ClientConfig load(Path path) throws ConfigException;
}
