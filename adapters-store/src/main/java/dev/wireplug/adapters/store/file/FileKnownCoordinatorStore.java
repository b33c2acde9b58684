package dev.wireplug.adapters.store.file;

import dev.wireplug.application.port.out.KnownCoordinatorStore;
import dev.wireplug.domain.config.ConfigException;
import dev.wireplug.domain.config.KnownCoordinators;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The known-coordinators file. Public keys are not secret, but the file decides whom we trust:
 * it lives in a root-only directory, and is replaced by writing a synced temporary file beside it
 * and renaming it over the old one, so a crash leaves the old file or the new one, never half.
 */
public final class FileKnownCoordinatorStore implements KnownCoordinatorStore {
    private static final int MAX_BYTES = 1 << 20;

    private final Path file;

    public FileKnownCoordinatorStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public KnownCoordinators read() throws ConfigException, IOException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException(file + " is larger than " + MAX_BYTES + " bytes");
            }
            return KnownCoordinators.parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return KnownCoordinators.empty();
        }
    }

    @Override
    public void write(KnownCoordinators known) throws IOException {
        Path directory = file.getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path temporary = Files.createTempFile(directory, "." + file.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(known.render().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public String location() {
        return file.toString();
    }
}
