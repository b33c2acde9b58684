package dev.wireplug.application.port.out;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Small files that hold secrets: config files with private keys, the coordinator's key. */
public interface SecretFileStore {
    /** The file's lines, or empty when there is no such file. */
    Optional<List<String>> readLines(Path path) throws IOException;

    /**
     * Creates the file readable by its owner only (0600) and fully written before it appears
     * under its name; never replaces an existing file.
     */
    void createNew(Path path, String content) throws FileAlreadyExistsException, IOException;
}
