package dev.wireplug.application.roaming;

import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.CoordinatorClient;
import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.HintSealer;
import dev.wireplug.application.port.out.NatProber;
import dev.wireplug.application.port.out.NetworkMonitor;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.endpoint.DirectPathReport;
import dev.wireplug.domain.nat.MappingBehaviour;
import dev.wireplug.domain.nat.NatProbeResult;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.network.NetworkChange;
import dev.wireplug.domain.network.NetworkSnapshot;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Fakes of every port the roaming service uses, recording what it asked of them. */
final class RoamingFakes {
    private RoamingFakes() {}

    static final class FakeClock implements Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public Instant now() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    static final class FakeDevice implements WireGuardDevice {
        int listenPort;
        final Map<PublicKey, PeerState> peers = new LinkedHashMap<>();
        final List<DeviceChange> applied = new ArrayList<>();
        final List<PublicKey> removed = new ArrayList<>();
        boolean broken;

        FakeDevice(int listenPort, List<PublicKey> keys) {
            this.listenPort = listenPort;
            for (PublicKey key : keys) {
                peers.put(key, new PeerState(key, Optional.empty(), List.of(), Optional.empty(), Optional.empty(), 0, 0));
            }
        }

        @Override
        public String backendName() {
            return "fake";
        }

        @Override
        public DeviceState read() throws DeviceException {
            if (broken) {
                throw new DeviceException("fake device unreadable");
            }
            return new DeviceState(Optional.empty(), listenPort, 0, List.copyOf(peers.values()));
        }

        @Override
        public void apply(DeviceChange change) throws DeviceException {
            if (broken) {
                throw new DeviceException("fake device unwritable");
            }
            applied.add(change);
            change.listenPort().ifPresent(p -> listenPort = p);
            for (PeerChange p : change.peers()) {
                if (p.remove()) {
                    peers.remove(p.publicKey());
                    removed.add(p.publicKey());
                    continue;
                }
                PeerState old = peers.get(p.publicKey());
                if (old == null) {
                    if (p.updateOnly()) {
                        continue;
                    }
                    // Like WireGuard: a new peer starts with no handshake and no counters.
                    old = new PeerState(p.publicKey(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                            0, 0);
                }
                peers.put(p.publicKey(), new PeerState(p.publicKey(), p.endpoint().or(old::endpoint),
                        p.allowedIps().orElse(old.allowedIps()), p.persistentKeepalive().or(old::persistentKeepalive),
                        old.lastHandshake(), old.rxBytes(), old.txBytes()));
            }
        }

        List<Endpoint> endpointsSet(PublicKey key) {
            return applied.stream().flatMap(c -> c.peers().stream()).filter(p -> p.publicKey().equals(key))
                    .flatMap(p -> p.endpoint().stream()).toList();
        }

        /** WireGuard moved the peer's endpoint by itself (an authenticated packet came from there). */
        void roamed(PublicKey key, Endpoint endpoint, Instant handshake) {
            PeerState old = peers.get(key);
            peers.put(key, new PeerState(key, Optional.of(endpoint), old.allowedIps(), old.persistentKeepalive(),
                    Optional.of(handshake), old.rxBytes() + 1000, old.txBytes() + 1000));
        }

        /** The peer was removed and created again (a fresh WireGuard session), with these settings. */
        List<PeerChange> recreations(PublicKey key) {
            List<PeerChange> changes = applied.stream().flatMap(c -> c.peers().stream())
                    .filter(p -> p.publicKey().equals(key)).toList();
            List<PeerChange> created = new ArrayList<>();
            for (int i = 1; i < changes.size(); i++) {
                if (changes.get(i - 1).remove() && !changes.get(i).remove() && !changes.get(i).updateOnly()) {
                    created.add(changes.get(i));
                }
            }
            return created;
        }

        void traffic(PublicKey key, long rx, long tx, Optional<Instant> handshake) {
            PeerState old = peers.get(key);
            peers.put(key, new PeerState(key, old.endpoint(), old.allowedIps(), old.persistentKeepalive(), handshake,
                    rx, tx));
        }
    }

    static final class FakeMonitor implements NetworkMonitor {
        NetworkSnapshot snapshot;
        Consumer<NetworkChange> listener;

        FakeMonitor(NetworkSnapshot snapshot) {
            this.snapshot = snapshot;
        }

        @Override
        public NetworkSnapshot snapshot() {
            return snapshot;
        }

        @Override
        public void start(Consumer<NetworkChange> listener) {
            this.listener = listener;
        }

        @Override
        public void close() {}
    }

    static final class FakeCoordinator implements CoordinatorClient {
        final List<Announce> announces = new ArrayList<>();
        final List<String> reports = new ArrayList<>();
        Listener listener;

        @Override
        public void start(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void announce(Announce announce) {
            announces.add(announce);
        }

        @Override
        public void reportPath(PublicKey peer, DirectPathReport report) {
            reports.add(peer.shortForm() + ":" + report);
        }

        Announce last() {
            return announces.get(announces.size() - 1);
        }

        @Override
        public void close() {}
    }

    /** "Seals" in the clear: the roaming logic only needs what goes in to come out again. */
    static final class PlainSealer implements HintSealer {
        @Override
        public SealedHint seal(PrivateKey own, PublicKey peer, List<Endpoint> lanEndpoints) {
            String text = String.join(" ", lanEndpoints.stream().map(Endpoint::toString).toList());
            return SealedHint.of(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Optional<List<Endpoint>> open(PrivateKey own, PublicKey peer, SealedHint hint) {
            if (hint.isEmpty()) {
                return Optional.empty();
            }
            String text = new String(hint.bytes(), StandardCharsets.UTF_8);
            return Optional.of(Arrays.stream(text.split(" ")).map(Endpoint::parse).toList());
        }
    }

    static final class FakeProbe implements NatProber {
        NatProbeResult answer = new NatProbeResult(MappingBehaviour.UNKNOWN, Optional.empty());
        final List<Integer> probedPorts = new ArrayList<>();

        @Override
        public NatProbeResult probe(int localPort, Endpoint stunServer) {
            probedPorts.add(localPort);
            return answer;
        }
    }
}
