package dev.wireplug.adapters.transport.control;

import dev.wireplug.application.port.in.StatusUseCase;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.status.StatusFormat;
import dev.wireplug.application.status.StatusFormatKind;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Serves {@code wireplugd IFNAME status} on a Unix domain socket only root (the owner) can open:
 * the socket is created in a 0700 directory and made 0600, because status names peers and
 * endpoints.
 */
public final class UnixSocketStatusServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UnixSocketStatusServer.class.getName());

    private final Path socketPath;
    private final StatusUseCase status;
    private final Clock clock;
    private final ServerSocketChannel server;
    private final Thread acceptor;

    private UnixSocketStatusServer(Path socketPath, StatusUseCase status, Clock clock, ServerSocketChannel server) {
        this.socketPath = socketPath;
        this.status = status;
        this.clock = clock;
        this.server = server;
        this.acceptor = Thread.ofVirtual().name("status-socket").unstarted(this::acceptLoop);
    }

    public static UnixSocketStatusServer start(Path socketPath, StatusUseCase status, Clock clock) throws IOException {
        Path directory = socketPath.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        removeStaleSocket(socketPath);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-------"));
        UnixSocketStatusServer running = new UnixSocketStatusServer(socketPath, status, clock, server);
        running.acceptor.start();
        return running;
    }

    /** A socket file left by a daemon that died is removed; one that answers belongs to a live daemon. */
    private static void removeStaleSocket(Path socketPath) throws IOException {
        if (!Files.exists(socketPath)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socketPath))) {
            throw new IOException("another wireplugd already serves " + socketPath);
        } catch (IOException refused) {
            if (refused.getMessage() != null && refused.getMessage().startsWith("another wireplugd")) {
                throw refused;
            }
            Files.deleteIfExists(socketPath);
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().name("status-client").start(() -> answer(client));
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "event=status_socket_error error=\"{0}\"", e.getMessage());
            }
        }
    }

    private void answer(SocketChannel client) {
        try (client) {
            ByteBuffer request = ByteBuffer.allocate(ControlProtocol.MAX_REQUEST_BYTES);
            while (request.hasRemaining() && client.read(request) > 0) {
                if (request.get(request.position() - 1) == '\n') {
                    break;
                }
            }
            String line = new String(request.array(), 0, request.position(), StandardCharsets.US_ASCII);
            Optional<StatusFormatKind> format = ControlProtocol.parse(line);
            String reply = format.isEmpty() ? "error: unknown request\n"
                    : format.get() == StatusFormatKind.JSON ? StatusFormat.json(status.status())
                    : StatusFormat.text(status.status(), clock.now());
            ByteBuffer bytes = ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                client.write(bytes);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "event=status_request_failed error=\"{0}\"", e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(socketPath);
    }
}
