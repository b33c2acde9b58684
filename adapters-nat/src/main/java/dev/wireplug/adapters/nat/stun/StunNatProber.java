package dev.wireplug.adapters.nat.stun;

import dev.wireplug.adapters.nat.udp.RetransmitSchedule;
import dev.wireplug.application.port.out.NatProber;
import dev.wireplug.domain.nat.MappingBehaviour;
import dev.wireplug.domain.nat.NatBehaviourClassifier;
import dev.wireplug.domain.nat.NatProbeResult;
import dev.wireplug.domain.net.Endpoint;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 5780 mapping-behaviour tests from one socket: (I) primary address, (II) alternate IP and
 * primary port, (III) the alternate address. A reply counts only if it carries our transaction
 * ID and comes from the address the request went to (a NAT or a spoofer answering from elsewhere
 * would otherwise fake the result). The decision is {@link NatBehaviourClassifier}'s.
 */
final class StunNatProber implements NatProber {
    private final SecureRandom random;
    private final RetransmitSchedule schedule;

    StunNatProber(SecureRandom random, RetransmitSchedule schedule) {
        this.random = random;
        this.schedule = schedule;
    }

    /**
     * RFC 8489 6.2.1: first resend after 500 ms, doubling, 7 sends. Bounded to 2.5 s per test so
     * a roam is not held up by a dead server.
     */
    static StunNatProber standard(SecureRandom random) {
        return new StunNatProber(random, new RetransmitSchedule(Duration.ofMillis(500), 7, Duration.ofMillis(2500)));
    }

    @Override
    public NatProbeResult probe(int localPort, Endpoint server) {
        InetSocketAddress primary = new InetSocketAddress(server.address(), server.port());
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(localPort))) {
            Optional<StunMessage> first = transaction(socket, primary);
            Optional<Endpoint> mappedI = first.flatMap(StunMessage::mapped).map(StunNatProber::endpoint);
            Set<Endpoint> local = localEndpoints(socket, primary);
            Optional<Endpoint> mappedII = Optional.empty();
            Optional<Endpoint> mappedIII = Optional.empty();
            Optional<InetSocketAddress> other = first.flatMap(StunMessage::otherAddress)
                    .filter(o -> !o.getAddress().equals(primary.getAddress()));
            if (mappedI.isPresent() && !local.contains(mappedI.get()) && other.isPresent()) {
                InetSocketAddress altIpPrimaryPort = new InetSocketAddress(other.get().getAddress(), primary.getPort());
                mappedII = transaction(socket, altIpPrimaryPort).flatMap(StunMessage::mapped).map(StunNatProber::endpoint);
                if (mappedII.isPresent() && !mappedII.equals(mappedI)) {
                    mappedIII = transaction(socket, other.get()).flatMap(StunMessage::mapped).map(StunNatProber::endpoint);
                }
            }
            MappingBehaviour behaviour = NatBehaviourClassifier.classify(local, mappedI, mappedII, mappedIII);
            return new NatProbeResult(behaviour, mappedI);
        } catch (IOException e) {
            return new NatProbeResult(MappingBehaviour.UNKNOWN, Optional.empty());
        }
    }

    private Optional<StunMessage> transaction(DatagramSocket socket, InetSocketAddress target) throws IOException {
        byte[] txid = new byte[12];
        random.nextBytes(txid);
        byte[] request = StunCodec.bindingRequest(txid, 0, true);
        long deadline = System.nanoTime() + schedule.deadline().toNanos();
        long wait = schedule.initial().toNanos();
        byte[] buf = new byte[1500];
        for (int sends = 0; sends < schedule.maxSends() && System.nanoTime() < deadline; sends++) {
            try {
                socket.send(new DatagramPacket(request, request.length, target));
            } catch (IOException e) {
                return Optional.empty();
            }
            long resendAt = Math.min(System.nanoTime() + wait, deadline);
            wait *= 2;
            while (true) {
                long left = resendAt - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (!target.equals(p.getSocketAddress())) {
                    continue;
                }
                try {
                    StunMessage m = StunCodec.decode(p.getData(), p.getLength());
                    if (m.hasTransactionId(txid) && m.isBindingSuccess() && !m.fingerprintValid().equals(Optional.of(false))
                            && m.mapped().isPresent()) {
                        return Optional.of(m);
                    }
                } catch (StunException e) {
                    // not ours
                }
            }
        }
        return Optional.empty();
    }

    /** Our own endpoints as the server would see them if nothing translated: "no NAT" test. */
    private static Set<Endpoint> localEndpoints(DatagramSocket socket, InetSocketAddress server) {
        Set<Endpoint> out = new HashSet<>();
        int port = socket.getLocalPort();
        if (!socket.getLocalAddress().isAnyLocalAddress()) {
            out.add(new Endpoint(socket.getLocalAddress(), port));
        }
        try (DatagramSocket route = new DatagramSocket()) {
            route.connect(server);
            InetAddress source = route.getLocalAddress();
            if (!source.isAnyLocalAddress()) {
                out.add(new Endpoint(source, port));
            }
        } catch (IOException e) {
            // no route: the server would not have answered either
        }
        return out;
    }

    private static Endpoint endpoint(InetSocketAddress a) {
        return new Endpoint(a.getAddress(), a.getPort());
    }
}
