package dev.wireplug.adapters.transport.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Decides the answer to a Binding request and the local socket it leaves from. With an alternate
 * address configured the coordinator listens on four sockets, (A1,P1) (A1,P2) (A2,P1) (A2,P2), as
 * RFC 5780 section 4.1 describes; OTHER-ADDRESS names the one differing in both, and CHANGE-REQUEST
 * picks the one differing in what was asked.
 */
public final class StunServer {

    /** The primary address and port, and optionally the alternate address and port. */
    public record Topology(InetSocketAddress primary, Optional<InetSocketAddress> alternate) {
        public Topology {
            alternate.ifPresent(a -> {
                if (a.getAddress().equals(primary.getAddress()) || a.getPort() == primary.getPort()) {
                    throw new IllegalArgumentException("the alternate must differ in both address and port");
                }
            });
        }

        /** Every local socket to listen on: one, or four with an alternate. */
        public List<InetSocketAddress> sockets() {
            if (alternate.isEmpty()) {
                return List.of(primary);
            }
            InetSocketAddress a = alternate.get();
            return List.of(primary, new InetSocketAddress(primary.getAddress(), a.getPort()),
                    new InetSocketAddress(a.getAddress(), primary.getPort()), a);
        }
    }

    /** The answer and the local socket to send it from. */
    public record Reply(byte[] datagram, InetSocketAddress from) {}

    private final Topology topology;

    public StunServer(Topology topology) {
        this.topology = topology;
    }

    public Optional<Reply> respond(byte[] datagram, InetSocketAddress sender, InetSocketAddress local) {
        StunRequest request;
        try {
            request = StunCodec.parseRequest(datagram);
        } catch (StunFormatException e) {
            return Optional.empty();
        }
        if (!request.unknownRequired().isEmpty()) {
            return Optional.of(new Reply(StunCodec.error(request, 420, "Unknown Attribute", request.unknownRequired()), local));
        }
        if (topology.alternate().isEmpty()) {
            if (request.changeIp() || request.changePort()) {
                return Optional.of(new Reply(StunCodec.error(request, 420, "Unknown Attribute",
                        List.of(StunCodec.CHANGE_REQUEST)), local));
            }
            return Optional.of(new Reply(StunCodec.success(request, sender, local, Optional.empty()), local));
        }
        InetSocketAddress from = pick(local, request.changeIp(), request.changePort());
        InetSocketAddress other = pick(from, true, true);
        return Optional.of(new Reply(StunCodec.success(request, sender, from, Optional.of(other)), from));
    }

    /** The socket that differs from {@code local} in address and/or port, as asked. */
    InetSocketAddress pick(InetSocketAddress local, boolean changeIp, boolean changePort) {
        InetSocketAddress primary = topology.primary();
        InetSocketAddress alternate = topology.alternate().orElseThrow();
        InetAddress address = local.getAddress();
        int port = local.getPort();
        if (changeIp) {
            address = address.equals(primary.getAddress()) ? alternate.getAddress() : primary.getAddress();
        }
        if (changePort) {
            port = port == primary.getPort() ? alternate.getPort() : primary.getPort();
        }
        return new InetSocketAddress(address, port);
    }
}
