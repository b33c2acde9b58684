package dev.wireplug.adapters.nat.natpmp;

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
import java.time.Duration;
import java.util.Optional;

/**
 * NAT-PMP (RFC 6886) over a connected UDP socket to gateway:5351: asks the external address, then
 * a UDP mapping suggesting our own port (never 0), and keeps whatever port and lifetime the gateway
 * grants. Replies count only with the expected opcode and our internal port.
 */
final class NatPmpPortMapper implements PortMapper {
    private static final byte[] NO_TOKEN = new byte[0];

    private final Clock clock;
    private final int gatewayPort;
    private final RetransmitSchedule probe;
    private final RetransmitSchedule patient;

    NatPmpPortMapper(Clock clock, int gatewayPort, RetransmitSchedule probe, RetransmitSchedule patient) {
        this.clock = clock;
        this.gatewayPort = gatewayPort;
        this.probe = probe;
        this.patient = patient;
    }

    /** RFC 6886 3.1: first resend after 250 ms, doubling; cut short for a first probe. */
    static NatPmpPortMapper standard(Clock clock) {
        return new NatPmpPortMapper(clock, NatPmpCodec.PORT, RetransmitSchedule.probe(Duration.ofMillis(250)),
                RetransmitSchedule.patient(Duration.ofMillis(250), 6));
    }

    @Override
    public MappingMethod method() {
        return MappingMethod.NATPMP;
    }

    @Override
    public MappingOutcome map(InetAddress gateway, int internalPort, Duration lifetime) {
        return request(gateway, internalPort, internalPort, lifetime, probe);
    }

    @Override
    public MappingOutcome renew(MappingLease lease, Duration lifetime) {
        return request(lease.gateway(), lease.mapping().internalPort(), lease.mapping().externalPort(), lifetime, patient);
    }

    @Override
    public UnmapOutcome unmap(MappingLease lease) {
        if (!(lease.gateway() instanceof Inet4Address)) {
            return UnmapOutcome.FAILED;
        }
        int internal = lease.mapping().internalPort();
        try (UdpClient udp = UdpClient.connect(new InetSocketAddress(lease.gateway(), gatewayPort))) {
            UdpClient.Result<NatPmpReply.Mapping> r = udp.exchange(
                    NatPmpCodec.mapRequest(NatPmpCodec.OP_MAP_UDP, internal, 0, 0), patient, mapReplyFor(internal));
            if (r instanceof UdpClient.Result.Reply<NatPmpReply.Mapping> reply) {
                return reply.value().isSuccess() ? UnmapOutcome.DELETED : UnmapOutcome.FAILED;
            }
            return UnmapOutcome.FAILED;
        } catch (IOException e) {
            return UnmapOutcome.FAILED;
        }
    }

    private MappingOutcome request(InetAddress gateway, int internalPort, int suggested, Duration lifetime,
            RetransmitSchedule schedule) {
        if (!(gateway instanceof Inet4Address)) {
            return new MappingOutcome.NotSupported("NAT-PMP is IPv4 only");
        }
        try (UdpClient udp = UdpClient.connect(new InetSocketAddress(gateway, gatewayPort))) {
            UdpClient.Result<NatPmpReply.ExternalAddress> ext = udp.exchange(
                    NatPmpCodec.externalAddressRequest(), schedule, NatPmpPortMapper::externalReply);
            Optional<InetAddress> externalAddress;
            switch (ext) {
                case UdpClient.Result.Unreachable<NatPmpReply.ExternalAddress> u -> {
                    return new MappingOutcome.NotSupported("NAT-PMP port unreachable on " + gateway.getHostAddress());
                }
                case UdpClient.Result.TimedOut<NatPmpReply.ExternalAddress> t -> {
                    return new MappingOutcome.NotSupported("no NAT-PMP answer after " + t.sends() + " sends");
                }
                case UdpClient.Result.Reply<NatPmpReply.ExternalAddress> r -> {
                    NatPmpReply.ExternalAddress a = r.value();
                    if (a.resultCode() == NatPmpCodec.RESULT_UNSUPPORTED_VERSION
                            || a.resultCode() == NatPmpCodec.RESULT_UNSUPPORTED_OPCODE) {
                        return new MappingOutcome.NotSupported(NatPmpCodec.describeResult(a.resultCode()));
                    }
                    // An error here (e.g. 3, no WAN address yet) does not stop the map request.
                    externalAddress = a.address().filter(x -> !x.isAnyLocalAddress()).map(InetAddress.class::cast);
                }
            }
            long seconds = Math.min(Math.max(1, lifetime.toSeconds()), 0xFFFFFFFFL);
            UdpClient.Result<NatPmpReply.Mapping> map = udp.exchange(
                    NatPmpCodec.mapRequest(NatPmpCodec.OP_MAP_UDP, internalPort, suggested, seconds), schedule,
                    mapReplyFor(internalPort));
            if (!(map instanceof UdpClient.Result.Reply<NatPmpReply.Mapping> reply)) {
                return new MappingOutcome.NotSupported("no answer to the NAT-PMP map request");
            }
            NatPmpReply.Mapping m = reply.value();
            if (!m.isSuccess()) {
                return new MappingOutcome.Refused("NAT-PMP " + NatPmpCodec.describeResult(m.resultCode()), Duration.ZERO);
            }
            if (m.lifetimeSeconds() == 0 || m.externalPort() == 0) {
                return new MappingOutcome.Refused("NAT-PMP granted lifetime 0 or port 0", Duration.ZERO);
            }
            var now = clock.now();
            PortMapping granted = new PortMapping(MappingMethod.NATPMP, internalPort, externalAddress, m.externalPort(),
                    now, Duration.ofSeconds(m.lifetimeSeconds()));
            return new MappingOutcome.Granted(new MappingLease(granted, gateway,
                    Optional.of(new GatewayEpoch(m.epochSeconds(), now)), NO_TOKEN));
        } catch (IOException e) {
            return new MappingOutcome.NotSupported("NAT-PMP socket error: " + e.getMessage());
        }
    }

    private static Optional<NatPmpReply.ExternalAddress> externalReply(byte[] data) {
        try {
            return NatPmpCodec.decode(data) instanceof NatPmpReply.ExternalAddress a ? Optional.of(a) : Optional.empty();
        } catch (NatPmpException e) {
            return Optional.empty();
        }
    }

    private static UdpClient.ReplyFilter<NatPmpReply.Mapping> mapReplyFor(int internalPort) {
        return data -> {
            try {
                NatPmpReply r = NatPmpCodec.decode(data);
                if (r instanceof NatPmpReply.Mapping m && m.opcode() == NatPmpCodec.OP_MAP_UDP + 128
                        && m.internalPort() == internalPort) {
                    return Optional.of(m);
                }
                if (r instanceof NatPmpReply.Error e && e.opcode() == NatPmpCodec.OP_MAP_UDP + 128) {
                    return Optional.of(new NatPmpReply.Mapping(e.opcode(), e.resultCode(), e.epochSeconds(),
                            internalPort, 0, 0));
                }
                return Optional.empty();
            } catch (NatPmpException e) {
                return Optional.empty();
            }
        };
    }
}
