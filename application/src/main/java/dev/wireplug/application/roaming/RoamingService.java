package dev.wireplug.application.roaming;

import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.CoordinatorClient;
import dev.wireplug.application.port.out.CoordinatorClient.Announce;
import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.HintSealer;
import dev.wireplug.application.port.out.NatProber;
import dev.wireplug.application.port.out.NetworkMonitor;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.application.status.DaemonStatus;
import dev.wireplug.application.status.DaemonStatus.PeerStatus;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.HandshakeRestart;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.endpoint.AnnouncedEndpoint;
import dev.wireplug.domain.endpoint.EndpointChoice;
import dev.wireplug.domain.endpoint.EndpointChoice.Decision;
import dev.wireplug.domain.endpoint.ListenPortChoice;
import dev.wireplug.domain.endpoint.ListenPortChoice.NetworkIdentity;
import dev.wireplug.domain.endpoint.LocalView;
import dev.wireplug.domain.endpoint.PathFailures;
import dev.wireplug.domain.endpoint.PeerLiveness;
import dev.wireplug.domain.endpoint.PeerView;
import dev.wireplug.domain.endpoint.RelayPath;
import dev.wireplug.domain.hint.EndpointHint;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.nat.MappingBehaviour;
import dev.wireplug.domain.nat.NatProbeResult;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import dev.wireplug.domain.network.NetworkSnapshot;
import dev.wireplug.domain.peer.Peer;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * The heart of wireplugd: learns the network and NAT, announces, and gives WireGuard the best
 * endpoint for every peer, again whenever the network, a peer or the path's health changes.
 *
 * <p>Not thread-safe: every method runs on the one thread of {@link RoamingLoop}, except
 * {@link #status()}, which reads a snapshot published after each event.
 */
public final class RoamingService {
    private static final Logger LOG = System.getLogger(RoamingService.class.getName());

    private static final NatProbeResult UNPROBED = new NatProbeResult(MappingBehaviour.UNKNOWN, Optional.empty());

    /**
     * How long a NAT observation is trusted when we come back to a network: about the time a NAT
     * keeps an idle UDP mapping (Linux conntrack keeps an answered one 120 s), halved for safety.
     */
    static final Duration OBSERVATION_TRUSTED = Duration.ofSeconds(60);

    /** What a probe learned on one network from one local port, and when. */
    private record Observation(NatProbeResult result, Instant at) {}

    /** A mapping belongs to the local port it was made for, so observations are keyed by both. */
    private record ObservationKey(NetworkIdentity network, int port) {}

    private final RoamingSettings settings;
    private final WireGuardDevice device;
    private final NetworkMonitor monitor;
    private final CoordinatorClient coordinator;
    private final HintSealer sealer;
    private final NatProber probe;
    private final Clock clock;
    private final ListenPortChoice ports;
    private final PortMappingKeeper mappings;
    private final Map<PublicKey, PeerTracker> peers = new LinkedHashMap<>();
    private final Map<ObservationKey, Observation> observations = new HashMap<>();
    private final RelayFallback relayFallback;

    private NetworkSnapshot network = new NetworkSnapshot(List.of(), Optional.empty(), Optional.empty());
    /** The last network we settled on; empty until started. */
    private Optional<NetworkSnapshot> settled = Optional.empty();
    private boolean offline;
    private int listenPort;
    private NatProbeResult nat = UNPROBED;
    private Optional<Endpoint> sessionObserved = Optional.empty();
    private boolean sessionUp;
    private boolean deviceReadable = true;
    private volatile DaemonStatus published;

    public RoamingService(RoamingSettings settings, WireGuardDevice device, NetworkMonitor monitor,
            CoordinatorClient coordinator, HintSealer sealer, NatProber probe, Clock clock, IntSupplier random) {
        this(settings, device, monitor, coordinator, sealer, probe, clock, random, PortMappingKeeper.disabled());
    }

    /** @param mappings keeps a gateway port mapping for the listen port on each network */
    public RoamingService(RoamingSettings settings, WireGuardDevice device, NetworkMonitor monitor,
            CoordinatorClient coordinator, HintSealer sealer, NatProber probe, Clock clock, IntSupplier random,
            PortMappingKeeper mappings) {
        this.mappings = mappings;
        this.settings = settings;
        this.device = device;
        this.monitor = monitor;
        this.coordinator = coordinator;
        this.sealer = sealer;
        this.probe = probe;
        this.clock = clock;
        this.ports = new ListenPortChoice(settings.listenPort(), random);
        this.relayFallback = new RelayFallback(coordinator);
        for (Peer peer : settings.peers()) {
            peers.put(peer.publicKey(), new PeerTracker(peer, PeerLiveness.Settings.DEFAULT));
        }
        publish();
    }

    /** Reads the device, settles on a port for this network, and announces. */
    public void start() throws DeviceException {
        listenPort = device.read().listenPort();
        learnNetwork("start");
    }

    public void onNetworkChange() {
        learnNetwork("network_change");
    }

    /** Where the coordinator sees our session from: our public address on this network. */
    public void onObserved(Endpoint observed) {
        if (!sessionObserved.equals(Optional.of(observed))) {
            LOG.log(Level.INFO, "event=observed public={0}", observed);
        }
        sessionObserved = Optional.of(observed);
        mappings.observed(observed.address());
        sessionUp = true;
        publish();
    }

    public void onAnnounced() {
        sessionUp = true;
        publish();
    }

    public void onProblem(String text) {
        LOG.log(Level.WARNING, "event=coordinator_problem problem=\"{0}\"", text);
    }

    /** A mutual peer's record, answered or pushed by the coordinator. */
    public void onPeerView(dev.wireplug.domain.rendezvous.PeerView view) {
        PeerTracker tracker = peers.get(view.peer());
        if (tracker == null) {
            return;
        }
        PeerView learned = toPeerView(view);
        relayFallback.onView(tracker, tracker.view, learned);
        // A relay granted or withdrawn is no news about the peer: a direct path that failed stays failed.
        if (tracker.view.isEmpty() || RelayFallback.moved(tracker.view.get(), learned)) {
            tracker.failures = PathFailures.NONE;
        }
        tracker.view = Optional.of(learned);
        sessionUp = true;
        decideAndApply(tracker, false);
        publish();
    }

    /** The safety net: device counters and handshakes, path time-outs, re-announcing. */
    public void tick() {
        Instant now = clock.now();
        DeviceState state;
        try {
            state = device.read();
            if (!deviceReadable) {
                LOG.log(Level.INFO, "event=device_readable interface={0}", settings.interfaceName());
            }
            deviceReadable = true;
        } catch (DeviceException e) {
            if (deviceReadable) {
                LOG.log(Level.WARNING, "event=device_unreadable error=\"{0}\"", e.getMessage());
            }
            deviceReadable = false;
            publish();
            return;
        }
        boolean reannounce = false;
        for (PeerTracker tracker : peers.values()) {
            tracker.device = state.peer(tracker.configured.publicKey());
            if (tracker.device.isEmpty()) {
                continue;
            }
            if (tracker.pathTimedOut(now, settings.pathTimeout())) {
                LOG.log(Level.INFO, "event=path_failed peer={0} path={1}", tracker.configured.publicKey().shortForm(),
                        tracker.pathName());
                tracker.failures = tracker.failures.withFailed(tracker.decision.orElseThrow().path());
                decideAndApply(tracker, true);
            }
            if (relayFallback.observe(tracker, now)) {
                decideAndApply(tracker, true);
            }
            if (tracker.liveness.observe(now, tracker.device.get()) instanceof PeerLiveness.Verdict.Stale stale) {
                LOG.log(Level.INFO, "event=peer_stale peer={0} reason=\"{1}\"",
                        tracker.configured.publicKey().shortForm(), stale.reason());
                reannounce = true;
            }
        }
        if (mappings.takeChanged()) {
            reannounce = true; // a gateway mapping came, went or moved
        }
        if (reannounce) {
            announce();
        }
        publish();
    }

    public DaemonStatus status() {
        return published;
    }

    private void learnNetwork(String why) {
        NetworkSnapshot seen = monitor.snapshot();
        boolean starting = settled.isEmpty();
        if (!starting && seen.ipv4Gateway().isEmpty() && seen.ipv6Gateway().isEmpty()) {
            // A link going down, or one half set up (an address but no route yet): settling on it
            // would spend a fresh port and a probe on a network that does not exist. Wait for the
            // next change.
            if (!offline) {
                LOG.log(Level.INFO, "event=offline addresses={0}", seen.lanAddresses().size());
            }
            offline = true;
            mappings.leftNetwork();
            network = seen;
            publish();
            return;
        }
        if (!starting && !offline && settled.get().equals(seen)) {
            return; // an event that changed nothing we use (another interface, a duplicate)
        }
        offline = false;
        settled = Optional.of(seen);
        network = seen;
        NetworkIdentity identity = identity(network);
        int port = ports.portFor(identity);
        Instant now = clock.now();
        ObservationKey key = new ObservationKey(identity, port);
        boolean known = observations.containsKey(key)
                && observations.get(key).at().plus(OBSERVATION_TRUSTED).isAfter(now);
        if (port != listenPort) {
            // Returning to a network we just left: its NAT still holds our port's mapping, so
            // announce it at once instead of probing again.
            if (settings.natTraversal() && !known) {
                observations.put(key, new Observation(probe.probe(port, settings.coordinator()), now));
            }
            try {
                device.apply(new DeviceChange(Optional.empty(), OptionalInt.of(port), OptionalInt.empty(), false,
                        List.of()));
                listenPort = port;
            } catch (DeviceException e) {
                LOG.log(Level.WARNING, "event=listen_port_failed port={0} error=\"{1}\"", port, e.getMessage());
            }
        } else if (settings.natTraversal() && !known) {
            // WireGuard already holds the port: learn the NAT's kind from another one, and leave the
            // mapping of WireGuard's port to what the coordinator observes.
            NatProbeResult elsewhere = probe.probe(0, settings.coordinator());
            observations.put(key, new Observation(new NatProbeResult(elsewhere.behaviour(), Optional.empty()), now));
        }
        Observation observation = observations.get(new ObservationKey(identity, listenPort));
        nat = observation == null ? UNPROBED : observation.result();
        sessionObserved = Optional.empty();
        mappings.networkSettled(listenPort, nat.mapped().map(Endpoint::address));
        LOG.log(Level.INFO, "event={0} port={1} nat={2} mapped={3}", why, listenPort, nat.natKind(),
                nat.mapped().map(Object::toString).orElse("unknown"));
        announce();
        for (PeerTracker tracker : peers.values()) {
            tracker.failures = PathFailures.NONE;
            tracker.liveness.reset();
            relayFallback.reset(tracker);
            // wireguard-go keeps the old network's source address for a peer until its endpoint is
            // set again: re-apply every endpoint, even an unchanged one.
            decideAndApply(tracker, true);
        }
        publish();
    }

    private void announce() {
        List<Endpoint> lan = lanEndpoints();
        Map<PublicKey, SealedHint> wants = new LinkedHashMap<>();
        for (PublicKey peer : peers.keySet()) {
            wants.put(peer, sealer.seal(settings.identity().privateKey(), peer, lan));
        }
        Optional<Endpoint> usable = AnnouncedEndpoint.choose(nat.natKind(), nat.mapped(), mappings.external());
        coordinator.announce(new Announce(listenPort, nat.natKind(), usable, wants));
    }

    private void decideAndApply(PeerTracker tracker, boolean force) {
        if (tracker.view.isEmpty()) {
            return;
        }
        Decision decision = PeerTracker.choose(localView(), tracker.view.get(), tracker.failures);
        boolean wasRelayed = tracker.decision.filter(d -> d.path() == EndpointChoice.Path.RELAY).isPresent();
        tracker.decision = Optional.of(decision);
        if (tracker.relay.held().isPresent()) {
            return; // WireGuard found a direct path by itself while relayed: keep it (RelayPath)
        }
        Optional<Endpoint> endpoint = switch (decision.hint()) {
            case EndpointHint.SameLan lan -> Optional.of(lan.lanEndpoint());
            case EndpointHint.Remote remote -> Optional.of(remote.publicEndpoint());
            case EndpointHint.Relayed relayed -> Optional.of(relayed.relayEndpoint());
            case EndpointHint.Unknown unknown -> Optional.empty();
        };
        if (endpoint.isEmpty() || (!force && endpoint.equals(tracker.applied))) {
            return;
        }
        PublicKey key = tracker.configured.publicKey();
        Duration keepalive = tracker.configured.persistentKeepalive().filter(k -> !k.isZero())
                .orElse(settings.keepalive());
        // Taken before the device is touched: a handshake the change itself sets off (within
        // milliseconds on a LAN) must count as one since the endpoint was set.
        Instant applying = clock.now();
        boolean relayNeedsIt = RelayPath.needsFreshHandshake(decision.path(), tracker.applied, endpoint.get(),
                wasRelayed, nat.natKind() == NatKind.NO_MAPPING, tracker.view.get().relay().isPresent());
        boolean recreate = HandshakeRestart.beforeNewEndpoint(settings.ownsPeers(),
                currentState(tracker).flatMap(PeerState::lastHandshake), applying)
                || (settings.ownsPeers() && relayNeedsIt);
        try {
            if (recreate) {
                // One request: the peer comes back at once, with a clean handshake history, and
                // (keepalive on) greets the new endpoint immediately. The relay also needs it: it
                // learns us only from a handshake initiation, which a young session never sends.
                device.apply(DeviceChange.peersOnly(List.of(PeerChange.removal(key), new PeerChange(key, false, false,
                        endpoint, Optional.of(keepalive), Optional.of(tracker.configured.allowedIps())))));
            } else {
                // Keepalive off, then on again with the new endpoint: turning it on makes WireGuard
                // send at once, which opens our NAT toward the peer and starts the handshake now
                // rather than at the next packet.
                device.apply(DeviceChange.peersOnly(List.of(new PeerChange(key, false, true, endpoint,
                        Optional.of(Duration.ZERO), Optional.empty()))));
                device.apply(DeviceChange.peersOnly(List.of(new PeerChange(key, false, true, Optional.empty(),
                        Optional.of(keepalive), Optional.empty()))));
            }
            tracker.applied = endpoint;
            tracker.appliedAt = applying;
            tracker.rxAtApply = recreate ? 0 : currentState(tracker).map(PeerState::rxBytes).orElse(-1L);
            LOG.log(Level.INFO, "event=endpoint peer={0} endpoint={1} path={2} recreated={3} reason=\"{4}\"",
                    key.shortForm(), endpoint.get(), tracker.pathName(), recreate, decision.reason());
        } catch (DeviceException e) {
            LOG.log(Level.WARNING, "event=endpoint_failed peer={0} error=\"{1}\"", key.shortForm(), e.getMessage());
        }
    }

    /** The device's view of the peer: the last tick's, or read now if no tick has run yet. */
    private Optional<PeerState> currentState(PeerTracker tracker) {
        if (tracker.device.isPresent()) {
            return tracker.device;
        }
        try {
            return device.read().peers().stream().filter(p -> p.publicKey().equals(tracker.configured.publicKey()))
                    .findFirst();
        } catch (DeviceException e) {
            return Optional.empty();
        }
    }

    private LocalView localView() {
        Optional<InetAddress> publicAddress = sessionObserved.map(Endpoint::address)
                .or(() -> nat.mapped().map(Endpoint::address));
        return new LocalView(publicAddress, network.lanAddresses(), globalIpv6().isPresent(), nat.natKind());
    }

    private PeerView toPeerView(dev.wireplug.domain.rendezvous.PeerView view) {
        List<Endpoint> hinted = sealer.open(settings.identity().privateKey(), view.peer(), view.hint())
                .orElse(List.of());
        List<Endpoint> lan = new ArrayList<>();
        List<IpPrefix> lanPrefixes = new ArrayList<>();
        Optional<Endpoint> ipv6 = Optional.empty();
        for (Endpoint endpoint : hinted) {
            if (isGlobalIpv6(endpoint.address())) {
                ipv6 = ipv6.or(() -> Optional.of(endpoint));
            } else {
                lan.add(endpoint);
                lanPrefixes.add(new IpPrefix(endpoint.address(), endpoint.address() instanceof Inet4Address ? 32 : 128));
            }
        }
        Endpoint observed = new Endpoint(view.observed().address(), view.wireGuardPort());
        return new PeerView(Optional.of(observed), view.mapped(), ipv6, lan, lanPrefixes, view.natKind(), view.relay());
    }

    private List<Endpoint> lanEndpoints() {
        List<Endpoint> out = new ArrayList<>();
        for (IpPrefix prefix : network.lanAddresses()) {
            if (out.size() < HintSealer.MAX_ENDPOINTS && !prefix.address().isLinkLocalAddress()
                    && !prefix.address().isLoopbackAddress()) {
                out.add(new Endpoint(prefix.address(), listenPort));
            }
        }
        return out;
    }

    private Optional<InetAddress> globalIpv6() {
        return network.lanAddresses().stream().map(IpPrefix::address).filter(RoamingService::isGlobalIpv6)
                .findFirst();
    }

    private static boolean isGlobalIpv6(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return false;
        }
        byte first = address.getAddress()[0];
        // fc00::/7 (unique local) and fe80::/10 (link local) do not cross the internet.
        return !address.isLinkLocalAddress() && !address.isLoopbackAddress() && (first & 0xfe) != 0xfc;
    }

    private static NetworkIdentity identity(NetworkSnapshot snapshot) {
        String gateway = snapshot.ipv4Gateway().or(snapshot::ipv6Gateway).map(InetAddress::getHostAddress)
                .orElse("none");
        String local = snapshot.lanAddresses().stream().map(p -> p.address().getHostAddress()).sorted().findFirst()
                .orElse("none");
        return new NetworkIdentity(gateway, local);
    }

    private void publish() {
        List<PeerStatus> peerStatus = new ArrayList<>();
        for (PeerTracker t : peers.values()) {
            peerStatus.add(new PeerStatus(t.configured.publicKey().toBase64(),
                    t.device.flatMap(d -> d.endpoint()).or(() -> t.applied),
                    t.pathName(), t.reason(),
                    t.device.flatMap(d -> d.lastHandshake()),
                    t.device.map(d -> d.rxBytes()).orElse(0L),
                    t.device.map(d -> d.txBytes()).orElse(0L), RelayFallback.offered(t)));
        }
        Optional<Endpoint> publicEndpoint = nat.mapped()
                .or(() -> sessionObserved.map(o -> new Endpoint(o.address(), Math.max(1, listenPort))));
        published = new DaemonStatus(settings.interfaceName(), device.backendName(), listenPort,
                nat.natKind(), publicEndpoint, mappings.mapping(), settings.coordinator().toString(), sessionUp, peerStatus);
    }

    /** For tests and status: the NAT kind currently believed. */
    NatKind natKind() {
        return nat.natKind();
    }
}
