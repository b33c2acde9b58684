package dev.wireplug.application.port.in;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.InterfaceName;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Objects;

/** Creates a new client config with a fresh key, never overwriting one. */
public interface GenerateConfigUseCase {

    record GenerateConfigCommand(InterfaceName interfaceName, Path path) {
        public GenerateConfigCommand {
            Objects.requireNonNull(interfaceName, "interfaceName");
            Objects.requireNonNull(path, "path");
        }
    }

    record GeneratedConfig(Path path, PublicKey publicKey) {}

    GeneratedConfig generate(GenerateConfigCommand command) throws FileAlreadyExistsException, IOException;
}
