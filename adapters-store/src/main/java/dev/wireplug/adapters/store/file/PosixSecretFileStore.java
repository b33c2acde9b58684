package dev.wireplug.adapters.store.file;

import dev.wireplug.application.port.out.SecretFileStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Secret files on a POSIX file system. A new file is written in full to a 0600 temporary file
 * beside the target, synced, then hard-linked to its name: link(2) fails if the name exists, so
 * an existing file is never replaced and no reader ever sees a half-written one.
 */
final class PosixSecretFileStore implements SecretFileStore {
    private static final int MAX_BYTES = 1 << 20;

    @Inject
    PosixSecretFileStore() {}

    @Override
    public Optional<List<String>> readLines(Path path) throws IOException {
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new IOException(path + " is larger than " + MAX_BYTES + " bytes");
            }
            return Optional.of(Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void createNew(Path path, String content) throws IOException {
        Path target = path.toAbsolutePath();
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "refusing to overwrite it");
        }
        Path directory = target.getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.createLink(target, temporary);
        } finally {
            Files.deleteIfExists(temporary);
        }
        syncDirectory(directory);
    }

    /** Makes the new name durable: without it a crash can lose the file despite the data sync. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Some file systems refuse to sync a directory; the file itself is already synced.
        }
    }
}
