package dev.wireplug.adapters.nat.pcp;

import dev.wireplug.adapters.nat.udp.RetransmitSchedule;
import dev.wireplug.adapters.nat.udp.UdpClient;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.PortMapper;
import dev.wireplug.domain.nat.GatewayEpoch;
import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.MappingOutcome;
import dev.wireplug.domain.nat.PortMapping;
import dev.wireplug.domain.nat.UnmapOutcome;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * PCP MAP (RFC 6887) for our UDP port. The 12-byte nonce is drawn once per mapping, stored as the
 * lease token and reused for every renewal and the delete: a server keys the mapping on it, so a
 * fresh nonce would be refused as NOT_AUTHORIZED. The client address in the header is the source
 * address the kernel picked for the gateway, as the server checks (ADDRESS_MISMATCH otherwise).
 */
final class PcpPortMapper implements PortMapper {
    private final Clock clock;
    private final SecureRandom random;
    private final int gatewayPort;
    private final RetransmitSchedule probe;
    private final RetransmitSchedule patient;

    PcpPortMapper(Clock clock, SecureRandom random, int gatewayPort, RetransmitSchedule probe,
            RetransmitSchedule patient) {
        this.clock = clock;
        this.random = random;
        this.gatewayPort = gatewayPort;
        this.probe = probe;
        this.patient = patient;
    }

    /**
     * RFC 6887 8.1.1 starts retransmitting at 3 s; a first probe cannot wait that long when a
     * network without PCP must cost under a second, so it resends sooner. Renewals and deletes
     * follow the RFC's pace.
     */
    static PcpPortMapper standard(Clock clock, SecureRandom random) {
        return new PcpPortMapper(clock, random, PcpCodec.PORT, RetransmitSchedule.probe(Duration.ofMillis(250)),
                RetransmitSchedule.patient(Duration.ofSeconds(1), 3));
    }

    @Override
    public MappingMethod method() {
        return MappingMethod.PCP;
    }

    @Override
    public MappingOutcome map(InetAddress gateway, int internalPort, Duration lifetime) {
        byte[] nonce = new byte[PcpCodec.NONCE_LENGTH];
        random.nextBytes(nonce);
        return request(gateway, nonce, internalPort, internalPort, Optional.empty(), seconds(lifetime), probe);
    }

    @Override
    public MappingOutcome renew(MappingLease lease, Duration lifetime) {
        byte[] nonce = lease.token();
        if (nonce.length != PcpCodec.NONCE_LENGTH) {
            return new MappingOutcome.NotSupported("lease was not made by PCP");
        }
        PortMapping m = lease.mapping();
        return request(lease.gateway(), nonce, m.internalPort(), m.externalPort(), m.externalAddress(),
                seconds(lifetime), patient);
    }

    @Override
    public UnmapOutcome unmap(MappingLease lease) {
        byte[] nonce = lease.token();
        if (nonce.length != PcpCodec.NONCE_LENGTH) {
            return UnmapOutcome.FAILED;
        }
        MappingOutcome outcome = request(lease.gateway(), nonce, lease.mapping().internalPort(), 0,
                Optional.empty(), 0, patient);
        return switch (outcome) {
            case MappingOutcome.Granted g -> UnmapOutcome.DELETED;
            case MappingOutcome.Refused r when r.reason().equals("NO_RESOURCES") -> UnmapOutcome.ALREADY_GONE;
            default -> UnmapOutcome.FAILED;
        };
    }

    private static long seconds(Duration lifetime) {
        return Math.min(Math.max(1, lifetime.toSeconds()), 0xFFFFFFFFL);
    }

    private MappingOutcome request(InetAddress gateway, byte[] nonce, int internalPort, int suggestedPort,
            Optional<InetAddress> suggestedAddress, long lifetimeSeconds, RetransmitSchedule schedule) {
        try (UdpClient udp = UdpClient.connect(new InetSocketAddress(gateway, gatewayPort))) {
            byte[] client = PcpAddresses.toBytes16(udp.localAddress());
            byte[] suggestedIp = suggestedAddress.map(PcpAddresses::toBytes16)
                    .orElse(gateway instanceof Inet4Address ? PcpAddresses.IPV4_UNSPECIFIED : new byte[16]);
            byte[] req = PcpCodec.mapRequest(client, lifetimeSeconds, nonce, PcpCodec.PROTOCOL_UDP, internalPort,
                    suggestedPort, suggestedIp, List.of());
            UdpClient.Result<PcpResponse> result = udp.exchange(req, schedule, data -> accept(data, nonce, internalPort));
            switch (result) {
                case UdpClient.Result.Unreachable<PcpResponse> u -> {
                    return new MappingOutcome.NotSupported("PCP port unreachable on " + gateway.getHostAddress());
                }
                case UdpClient.Result.TimedOut<PcpResponse> t -> {
                    return new MappingOutcome.NotSupported("no PCP answer after " + t.sends() + " sends");
                }
                case UdpClient.Result.Reply<PcpResponse> r -> {
                    return outcome(r.value(), gateway, nonce, internalPort, lifetimeSeconds);
                }
            }
        } catch (IOException e) {
            return new MappingOutcome.NotSupported("PCP socket error: " + e.getMessage());
        }
    }

    private MappingOutcome outcome(PcpResponse response, InetAddress gateway, byte[] nonce, int internalPort,
            long askedSeconds) {
        if (response instanceof PcpResponse.NatPmpOnly) {
            return new MappingOutcome.NotSupported("gateway speaks NAT-PMP, not PCP");
        }
        PcpResponse.Reply reply = (PcpResponse.Reply) response;
        Instant now = clock.now();
        if (!reply.isSuccess()) {
            int code = reply.resultCode();
            if (code == PcpCodec.RESULT_UNSUPP_VERSION || code == PcpCodec.RESULT_UNSUPP_OPCODE) {
                return new MappingOutcome.NotSupported("PCP " + PcpCodec.describeResult(code));
            }
            // On errors the lifetime is how long to wait before trying again (RFC 6887 7.2).
            return new MappingOutcome.Refused(PcpCodec.describeResult(code), Duration.ofSeconds(reply.lifetimeSeconds()));
        }
        PcpResponse.MapBody body = reply.map().orElseThrow();
        if (askedSeconds == 0) {
            // A delete's success: nothing to lease. Lifetime 1 keeps the record valid.
            return new MappingOutcome.Granted(new MappingLease(new PortMapping(MappingMethod.PCP, internalPort,
                    Optional.empty(), Math.max(1, body.externalPort()), now, Duration.ofSeconds(1)), gateway,
                    Optional.of(new GatewayEpoch(reply.epochSeconds(), now)), nonce));
        }
        if (reply.lifetimeSeconds() == 0 || body.externalPort() == 0) {
            return new MappingOutcome.Refused("PCP granted lifetime 0 or port 0", Duration.ZERO);
        }
        Optional<InetAddress> external = Optional.of(body.externalAddress()).filter(a -> !a.isAnyLocalAddress());
        PortMapping granted = new PortMapping(MappingMethod.PCP, internalPort, external, body.externalPort(), now,
                Duration.ofSeconds(reply.lifetimeSeconds()));
        return new MappingOutcome.Granted(new MappingLease(granted, gateway,
                Optional.of(new GatewayEpoch(reply.epochSeconds(), now)), nonce));
    }

    /** Only a MAP reply for our nonce, protocol and port counts (RFC 6887 11.3); NAT-PMP's too. */
    private static Optional<PcpResponse> accept(byte[] data, byte[] nonce, int internalPort) {
        try {
            PcpResponse r = PcpCodec.decode(data);
            if (r instanceof PcpResponse.NatPmpOnly) {
                return Optional.of(r);
            }
            PcpResponse.Reply reply = (PcpResponse.Reply) r;
            if (reply.opcode() != PcpCodec.OP_MAP) {
                return Optional.empty();
            }
            if (reply.map().isEmpty()) {
                return reply.isSuccess() ? Optional.empty() : Optional.of(r);
            }
            PcpResponse.MapBody m = reply.map().get();
            boolean ours = m.nonceMatches(nonce) && m.protocol() == PcpCodec.PROTOCOL_UDP && m.internalPort() == internalPort;
            return ours ? Optional.of(r) : Optional.empty();
        } catch (PcpException e) {
            return Optional.empty();
        }
    }
}
