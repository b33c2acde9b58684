package dev.wireplug.adapters.transport.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.status.DaemonStatus;
import dev.wireplug.application.status.StatusFormatKind;
import dev.wireplug.domain.nat.NatKind;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketStatusTest {
    @TempDir
    Path dir;

    private static final DaemonStatus STATUS = new DaemonStatus("wg7", "test", 51000, NatKind.FIXED_MAPPING,
            Optional.empty(), Optional.empty(), "198.18.0.2:3478", false, List.of());

    @Test
    void servesTextAndJsonOnAnOwnerOnlySocket() throws Exception {
        Path socket = dir.resolve("run/wireplugd/wg7.sock");
        try (UnixSocketStatusServer server = UnixSocketStatusServer.start(socket, () -> STATUS,
                () -> Instant.parse("2026-11-25T10:00:00Z"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
            UnixSocketRunningDaemon daemon = new UnixSocketRunningDaemon(socket);
            assertTrue(daemon.status(StatusFormatKind.TEXT).startsWith("interface: wg7 (test)\n"));
            assertTrue(daemon.status(StatusFormatKind.JSON).startsWith("{\"interface\":\"wg7\""));
        }
        assertFalse(Files.exists(socket), "the socket is removed on close");
    }

    @Test
    void noDaemonIsAClearError() {
        IOException e = assertThrows(IOException.class,
                () -> new UnixSocketRunningDaemon(dir.resolve("none.sock")).status(StatusFormatKind.TEXT));
        assertTrue(e.getMessage().contains("no wireplugd is running"), e.getMessage());
    }

    @Test
    void aStaleSocketFileIsReplacedButALiveOneIsNot() throws Exception {
        Path socket = dir.resolve("wg8.sock");
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(socket));
            IOException e = assertThrows(IOException.class,
                    () -> UnixSocketStatusServer.start(socket, () -> STATUS, Instant::now));
            assertTrue(e.getMessage().contains("another wireplugd"), e.getMessage());
        }
        // The other listener is gone; its socket file is left behind, as after a crash.
        assertTrue(Files.exists(socket));
        try (UnixSocketStatusServer server = UnixSocketStatusServer.start(socket, () -> STATUS, Instant::now)) {
            assertTrue(new UnixSocketRunningDaemon(socket).status(StatusFormatKind.JSON).contains("wg7"));
        }
    }

    @Test
    void unknownRequestsGetAnErrorLine() throws Exception {
        Path socket = dir.resolve("wg9.sock");
        try (UnixSocketStatusServer server = UnixSocketStatusServer.start(socket, () -> STATUS, Instant::now);
                var channel = java.nio.channels.SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(java.nio.ByteBuffer.wrap("reboot\n".getBytes()));
            java.nio.ByteBuffer reply = java.nio.ByteBuffer.allocate(100);
            while (channel.read(reply) > 0) {
                // read until the daemon closes
            }
            assertEquals("error: unknown request\n", new String(reply.array(), 0, reply.position()));
        }
    }
}
