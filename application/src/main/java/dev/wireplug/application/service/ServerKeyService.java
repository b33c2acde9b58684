package dev.wireplug.application.service;

import dev.wireplug.application.port.in.ServerKeyUseCase;
import dev.wireplug.application.port.out.KeyGenerator;
import dev.wireplug.application.port.out.SecretFileStore;
import dev.wireplug.domain.config.ConfigException;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PrivateKey;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The key file holds one line, the base64 private key, as {@code wg genkey} writes it. */
public final class ServerKeyService implements ServerKeyUseCase {
    private final KeyGenerator keys;
    private final SecretFileStore files;

    public ServerKeyService(KeyGenerator keys, SecretFileStore files) {
        this.keys = keys;
        this.files = files;
    }

    @Override
    public KeyPair loadOrCreate(Path keyFile) throws ConfigException {
        String source = keyFile.toString();
        try {
            Optional<List<String>> existing = files.readLines(keyFile);
            if (existing.isPresent()) {
                return parse(source, existing.get());
            }
            KeyPair fresh = keys.generate();
            try {
                files.createNew(keyFile, fresh.privateKey().toBase64() + "\n");
                return fresh;
            } catch (FileAlreadyExistsException raced) {
                // Another process created it between our read and our write: use theirs.
                return parse(source, files.readLines(keyFile).orElseThrow(() -> raced));
            }
        } catch (IOException e) {
            throw new ConfigException(source, 0, "cannot read or create the key file: " + e.getMessage());
        }
    }

    private KeyPair parse(String source, List<String> lines) throws ConfigException {
        List<String> content = lines.stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (content.size() != 1) {
            throw new ConfigException(source, 0, "expected exactly one line holding a base64 private key, found "
                    + content.size());
        }
        int line = 1 + lines.indexOf(lines.stream().filter(l -> !l.isBlank()).findFirst().orElseThrow());
        try {
            PrivateKey privateKey = PrivateKey.parse(content.get(0));
            return new KeyPair(privateKey, keys.publicKeyOf(privateKey));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, line, e.getMessage());
        }
    }
}
