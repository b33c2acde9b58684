package dev.wireplug.application.service;

import dev.wireplug.application.port.out.SecretFileStore;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fake file system for service tests: remembers what was created, refuses to overwrite. */
final class InMemorySecretFileStore implements SecretFileStore {
    final Map<Path, String> files = new HashMap<>();

    @Override
    public Optional<List<String>> readLines(Path path) {
        return Optional.ofNullable(files.get(path)).map(text -> text.lines().toList());
    }

    @Override
    public void createNew(Path path, String content) throws FileAlreadyExistsException {
        if (files.putIfAbsent(path, content) != null) {
            throw new FileAlreadyExistsException(path.toString());
        }
    }
}
