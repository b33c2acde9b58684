package dev.wireplug.adapters.transport.client;

import dev.wireplug.adapters.transport.wire.WireCodec;
import dev.wireplug.adapters.transport.wire.WireFormatException;
import dev.wireplug.adapters.transport.wire.WireMessage;
import dev.wireplug.application.port.out.CoordinatorKeyProbe;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * One key request and its answer, on a short-lived socket of its own: it happens once per
 * coordinator in a daemon's life, before the session exists, so Netty's event loop would be
 * machinery for nothing here.
 */
public final class UdpCoordinatorKeyProbe implements CoordinatorKeyProbe {
    private static final System.Logger LOG = System.getLogger(UdpCoordinatorKeyProbe.class.getName());

    @Override
    public Optional<PublicKey> ask(Endpoint coordinator, Duration timeout) {
        InetSocketAddress target = new InetSocketAddress(coordinator.address(), coordinator.port());
        try (DatagramChannel channel = DatagramChannel.open(); Selector selector = Selector.open()) {
            // Connected: the kernel drops datagrams from anyone but the coordinator's address.
            channel.connect(target);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            channel.write(ByteBuffer.wrap(WireCodec.encode(new WireMessage.KeyRequest())));
            long deadline = System.nanoTime() + timeout.toNanos();
            ByteBuffer buffer = ByteBuffer.allocate(WireCodec.MAX_DATAGRAM + 1);
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                if (selector.select(Math.max(1, left / 1_000_000)) == 0) {
                    continue;
                }
                selector.selectedKeys().clear();
                buffer.clear();
                int read = channel.read(buffer);
                if (read <= 0) {
                    continue;
                }
                try {
                    if (WireCodec.decode(Arrays.copyOf(buffer.array(), read)) instanceof WireMessage.CoordinatorKey key) {
                        return Optional.of(PublicKey.of(key.publicKey()));
                    }
                } catch (WireFormatException ignored) {
                    // not an answer to us; keep waiting until the deadline
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "event=key_probe_failed coordinator={0} error=\"{1}\"", coordinator,
                    e.getMessage());
        }
        return Optional.empty();
    }
}
