package dev.wireplug.adapters.transport.control;

import dev.wireplug.application.port.out.RunningDaemon;
import dev.wireplug.application.status.StatusFormatKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Asks the daemon behind a control socket for its status. */
public final class UnixSocketRunningDaemon implements RunningDaemon {
    private static final int MAX_REPLY_BYTES = 4 << 20;

    private final Path socketPath;

    public UnixSocketRunningDaemon(Path socketPath) {
        this.socketPath = socketPath;
    }

    @Override
    public String status(StatusFormatKind format) throws IOException {
        if (!Files.exists(socketPath)) {
            throw new IOException("no wireplugd is running for this interface (no socket at " + socketPath + ")");
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socketPath))) {
            channel.write(ByteBuffer.wrap(ControlProtocol.request(format).getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) > 0) {
                reply.write(buffer.array(), 0, buffer.position());
                buffer.clear();
                if (reply.size() > MAX_REPLY_BYTES) {
                    throw new IOException("status reply from " + socketPath + " is too large");
                }
            }
            return reply.toString(StandardCharsets.UTF_8);
        } catch (java.net.SocketException e) {
            throw new IOException("cannot reach wireplugd at " + socketPath + ": " + e.getMessage(), e);
        }
    }
}
