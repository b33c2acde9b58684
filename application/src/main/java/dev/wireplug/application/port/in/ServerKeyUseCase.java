package dev.wireplug.application.port.in;

import dev.wireplug.domain.config.ConfigException;
import dev.wireplug.domain.key.KeyPair;
import java.nio.file.Path;

/** The coordinator's static key: read from its key file, created there (0600) when missing. */
public interface ServerKeyUseCase {
    KeyPair loadOrCreate(Path keyFile) throws ConfigException;
}
