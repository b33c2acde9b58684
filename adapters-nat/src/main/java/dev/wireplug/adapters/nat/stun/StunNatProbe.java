package dev.wireplug.adapters.nat.stun;

import dev.wireplug.adapters.nat.stun.StunBindingCodec.BindingResponse;
import dev.wireplug.application.port.out.NatProbe;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.nat.NatObservation;
import dev.wireplug.domain.net.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;

/**
 * RFC 5780's mapping test against the coordinator from one local port: a Binding to the primary
 * address, then one to the alternate address the server names in OTHER-ADDRESS. The same mapped
 * endpoint both times means one mapping for every destination (hole punching works); another
 * one means a destination-dependent NAT. Retransmits at 250 and 500 ms: the daemon waits on
 * this before announcing, so it gives up well inside a second and a half.
 */
final class StunNatProbe implements NatProbe {
    private static final System.Logger LOG = System.getLogger(StunNatProbe.class.getName());
    private static final Duration[] RETRANSMISSIONS = {Duration.ofMillis(250), Duration.ofMillis(500)};

    private final SecureRandom random;

    @Inject
    StunNatProbe(SecureRandom random) {
        this.random = random;
    }

    @Override
    public NatObservation probe(int localPort, Endpoint stunServer) {
        InetSocketAddress primary = new InetSocketAddress(stunServer.address(), stunServer.port());
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(localPort));
            int boundPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            Optional<BindingResponse> first = transaction(channel, primary);
            if (first.isEmpty()) {
                return NatObservation.UNKNOWN;
            }
            InetSocketAddress mapped = first.get().mapped();
            Endpoint mappedEndpoint = new Endpoint(mapped.getAddress(), mapped.getPort());
            if (mapped.getPort() == boundPort && localAddresses().contains(mapped.getAddress())) {
                return new NatObservation(NatKind.NO_MAPPING, Optional.of(mappedEndpoint));
            }
            if (first.get().otherAddress().isEmpty()) {
                // No alternate address to compare against: the kind stays unknown.
                return new NatObservation(NatKind.UNKNOWN, Optional.of(mappedEndpoint));
            }
            InetSocketAddress alternate = new InetSocketAddress(first.get().otherAddress().get().getAddress(),
                    primary.getPort());
            Optional<BindingResponse> second = transaction(channel, alternate);
            if (second.isEmpty()) {
                return new NatObservation(NatKind.UNKNOWN, Optional.of(mappedEndpoint));
            }
            NatKind kind = second.get().mapped().equals(mapped) ? NatKind.FIXED_MAPPING : NatKind.DESTINATION_DEPENDENT;
            return new NatObservation(kind, Optional.of(mappedEndpoint));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "event=stun_probe_failed port={0} error=\"{1}\"", localPort,
                    e.getMessage());
            return NatObservation.UNKNOWN;
        }
    }

    private Optional<BindingResponse> transaction(DatagramChannel channel, InetSocketAddress server) throws IOException {
        byte[] id = new byte[12];
        random.nextBytes(id);
        ByteBuffer request = ByteBuffer.wrap(StunBindingCodec.bindingRequest(id));
        ByteBuffer reply = ByteBuffer.allocate(1500);
        channel.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            for (Duration wait : RETRANSMISSIONS) {
                channel.send(request.rewind(), server);
                long deadline = System.nanoTime() + wait.toNanos();
                long left;
                while ((left = deadline - System.nanoTime()) > 0) {
                    if (selector.select(Math.max(1, left / 1_000_000)) == 0) {
                        continue;
                    }
                    selector.selectedKeys().clear();
                    reply.clear();
                    InetSocketAddress from = (InetSocketAddress) channel.receive(reply);
                    if (from == null || !from.equals(server)) {
                        continue;
                    }
                    try {
                        return Optional.of(StunBindingCodec.decode(reply.array(), reply.position(), id));
                    } catch (StunException ignored) {
                        // Not our answer (a late reply to an earlier transaction, say): keep waiting.
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Set<InetAddress> localAddresses() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .collect(Collectors.toSet());
    }
}
