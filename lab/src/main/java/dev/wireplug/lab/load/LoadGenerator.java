package dev.wireplug.lab.load;

import dev.wireplug.adapters.transport.client.ClientProtocol;
import dev.wireplug.adapters.transport.noise.NoiseCrypto;
import dev.wireplug.adapters.transport.wire.WireCodec;
import dev.wireplug.adapters.transport.wire.WireFormatException;
import dev.wireplug.adapters.transport.wire.WireMessage;
import dev.wireplug.application.port.out.CoordinatorClient;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Simulates many wireplugd clients against running wpcod instances: real X25519 keys, real Noise
 * IK handshakes and real announcements through the project's own {@link ClientProtocol}, from
 * many loopback source addresses (wpcod rate-limits handshakes per source address). Clients come
 * in pairs that list each other, so every announcement also makes the coordinator pair and push.
 *
 * <p>Phase 1 establishes N sessions (each: handshake plus the first announcement) at a target
 * rate and prints handshakes/s and the latency from start to acknowledged announcement. Then it
 * prints wpcod's heap and RSS per 100k sessions. Phase 2 sends re-announcements over the
 * established sessions for a while at a target rate and prints announcements/s and latency.
 *
 * <pre>
 *   lab/loadgen --coordinator 127.0.0.1:3478 --key BASE64 --clients 100000 --pid PID
 * </pre>
 */
public final class LoadGenerator {
    private final Options options;
    private final List<InetSocketAddress> coordinators;
    private final PublicKey coordinatorKey;
    private final SecureRandom random = new SecureRandom();
    private final List<DatagramChannel> sockets = new ArrayList<>();
    private final Map<Integer, Client> byIndex = new HashMap<>();
    private final Selector selector;
    private final ByteBuffer receive = ByteBuffer.allocateDirect(2048);
    private Client[] clients;

    record Options(List<String> coordinators, String key, int clients, double handshakeRate, double announceRate,
            Duration announceFor, int sources, String sourceBase, int window, List<Long> pids) {}

    /** One simulated client: its protocol state and when its current announcement started. */
    private final class Client implements CoordinatorClient.Listener {
        final int number;
        final KeyPair key;
        final DatagramChannel socket;
        final InetSocketAddress coordinator;
        ClientProtocol protocol;
        long startedNanos;
        boolean pending;
        boolean established;
        int port = 20000;

        Client(int number, KeyPair key, DatagramChannel socket, InetSocketAddress coordinator) {
            this.number = number;
            this.key = key;
            this.socket = socket;
            this.coordinator = coordinator;
        }

        void send(byte[] datagram) {
            try {
                WireMessage m = WireCodec.decode(datagram);
                if (m instanceof WireMessage.HandshakeInitiation init) {
                    byIndex.put(init.senderIndex(), this);
                }
                socket.send(ByteBuffer.wrap(datagram), coordinator);
            } catch (WireFormatException | IOException e) {
                errors++;
            }
        }

        @Override
        public void peer(PeerView view) {
            peersHeard++;
        }

        @Override
        public void announced() {
            if (pending) {
                pending = false;
                established = true;
                inFlight--;
                latencies.add(System.nanoTime() - startedNanos);
            }
        }

        @Override
        public void problem(String text) {
            problems++;
            if (problems <= 5) {
                System.out.println("client " + number + ": " + text);
            }
        }
    }

    private int inFlight;
    private long errors;
    private long problems;
    private long peersHeard;
    private Latencies latencies = new Latencies();

    LoadGenerator(Options options) throws IOException {
        this.options = options;
        this.coordinators = options.coordinators().stream().map(LoadGenerator::address).toList();
        this.coordinatorKey = PublicKey.parse(options.key());
        this.selector = Selector.open();
        byte[] base = InetAddress.getByName(options.sourceBase()).getAddress();
        for (int i = 0; i < options.sources(); i++) {
            // 250 addresses per /24, skipping .0 and .255 (Linux will not bind 127.x.y.255).
            byte[] address = base.clone();
            address[2] = (byte) ((base[2] & 0xff) + i / 250);
            address[3] = (byte) (1 + i % 250);
            DatagramChannel socket = DatagramChannel.open(StandardProtocolFamily.INET);
            socket.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20);
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(address), 0));
            socket.configureBlocking(false);
            socket.register(selector, SelectionKey.OP_READ);
            sockets.add(socket);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        new LoadGenerator(options).run();
    }

    void run() throws Exception {
        System.out.printf("loadgen: %d clients over %d source addresses to %s%n", options.clients(), sockets.size(),
                coordinators);
        long keysStarted = System.nanoTime();
        clients = new Client[options.clients()];
        for (int i = 0; i < clients.length; i++) {
            // With two coordinators, the two clients of a pair (2k, 2k+1) talk to different ones.
            clients[i] = new Client(i, keyPair(), sockets.get(i % sockets.size()), coordinators.get(i % coordinators.size()));
        }
        System.out.printf("loadgen: %d key pairs in %.1f s%n", clients.length, seconds(System.nanoTime() - keysStarted));
        List<Memory> before = Memory.read(options.pids());

        // Phase 1: handshakes, each carrying the first announcement.
        latencies = new Latencies();
        long started = System.nanoTime();
        int next = 0;
        double credit = 0;
        long last = started;
        long lastTick = started;
        long deadline = started + Duration.ofSeconds(Math.max(60, (long) (3 * clients.length / Math.max(1, options.handshakeRate())))).toNanos();
        while (latencies.count() < clients.length && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            credit = Math.min(credit + seconds(now - last) * rateOr(options.handshakeRate()), options.window());
            last = now;
            while (next < clients.length && credit >= 1 && inFlight < options.window()) {
                Client c = clients[next++];
                credit--;
                c.protocol = new ClientProtocol(c.key, coordinatorKey, Instant::now, random, c::send, c);
                c.pending = true;
                c.startedNanos = System.nanoTime();
                inFlight++;
                c.protocol.announce(announce(c));
            }
            poll();
            if (now - lastTick > 250_000_000L) {
                tickAll(next);
                lastTick = now;
            }
        }
        double elapsed = seconds(System.nanoTime() - started);
        System.out.printf("handshakes: %d sessions in %.1f s = %.0f handshakes/s (target %s); latency p50 %.1f ms,"
                + " p99 %.1f ms; peers heard %d; errors %d%n", latencies.count(), elapsed, latencies.count() / elapsed,
                options.handshakeRate() > 0 ? String.valueOf(options.handshakeRate()) : "max",
                latencies.percentileMillis(50), latencies.percentileMillis(99), peersHeard, errors);

        // Memory: what N sessions cost the coordinator(s).
        keepAlive(Duration.ofSeconds(2));
        List<Memory> after = Memory.read(options.pids());
        for (int i = 0; i < after.size(); i++) {
            Memory.report(before.get(i), after.get(i), latencies.count() / Math.max(1, after.size()));
        }

        // Phase 2: announcements over the established sessions.
        latencies = new Latencies();
        peersHeard = 0;
        started = System.nanoTime();
        last = started;
        credit = 0;
        long end = started + options.announceFor().toNanos();
        int cursor = 0;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            credit = Math.min(credit + seconds(now - last) * rateOr(options.announceRate()), options.window());
            last = now;
            int scanned = 0;
            while (credit >= 1 && inFlight < options.window() && scanned < clients.length) {
                Client c = clients[cursor];
                cursor = (cursor + 1) % clients.length;
                scanned++;
                if (c.pending || !c.established || !c.protocol.hasSession()) {
                    continue;
                }
                credit--;
                c.port = c.port == 20000 ? 20001 : 20000; // a real change: the coordinator pushes it to the pair
                c.pending = true;
                c.startedNanos = System.nanoTime();
                inFlight++;
                c.protocol.announce(announce(c));
            }
            poll();
            if (now - lastTick > 250_000_000L) {
                tickAll(clients.length);
                lastTick = now;
            }
        }
        elapsed = seconds(System.nanoTime() - started);
        System.out.printf("announcements: %d over %d sessions in %.1f s = %.0f announcements/s (target %s); latency"
                + " p50 %.2f ms, p99 %.2f ms; pushes and replies heard %d%n", latencies.count(), clients.length, elapsed,
                latencies.count() / elapsed, options.announceRate() > 0 ? String.valueOf(options.announceRate()) : "max",
                latencies.percentileMillis(50), latencies.percentileMillis(99), peersHeard);
        for (DatagramChannel socket : sockets) {
            socket.close();
        }
    }

    private KeyPair keyPair() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        secret[0] &= (byte) 248; // clamped as wg genkey does
        secret[31] = (byte) ((secret[31] & 127) | 64);
        return new KeyPair(PrivateKey.of(secret), PublicKey.of(NoiseCrypto.publicKey(secret)));
    }

    private void keepAlive(Duration duration) throws IOException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            poll();
        }
    }

    private double rateOr(double rate) {
        return rate > 0 ? rate : 1e9;
    }

    private CoordinatorClient.Announce announce(Client c) {
        Client partner = clients[(c.number ^ 1) < clients.length ? c.number ^ 1 : c.number];
        Map<PublicKey, SealedHint> wants = partner == c ? Map.of() : Map.of(partner.key.publicKey(), SealedHint.none());
        return new CoordinatorClient.Announce(c.port, NatKind.UNKNOWN, Optional.empty(), wants);
    }

    private void tickAll(int upTo) {
        for (int i = 0; i < upTo; i++) {
            if (clients[i].protocol != null) {
                clients[i].protocol.tick();
            }
        }
    }

    private void poll() throws IOException {
        if (selector.select(1) == 0) {
            return;
        }
        var it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            DatagramChannel socket = (DatagramChannel) key.channel();
            for (int i = 0; i < 64; i++) {
                receive.clear();
                if (socket.receive(receive) == null) {
                    break;
                }
                receive.flip();
                byte[] datagram = new byte[receive.remaining()];
                receive.get(datagram);
                dispatch(datagram);
            }
        }
    }

    private void dispatch(byte[] datagram) {
        WireMessage m;
        try {
            m = WireCodec.decode(datagram);
        } catch (WireFormatException e) {
            errors++;
            return;
        }
        int index = switch (m) {
            case WireMessage.HandshakeResponse r -> r.receiverIndex();
            case WireMessage.Transport t -> t.receiverIndex();
            default -> 0;
        };
        Client c = byIndex.get(index);
        if (c != null) {
            c.protocol.onDatagram(datagram);
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }

    static Options parse(String[] args) {
        List<String> coordinators = new ArrayList<>();
        String key = null;
        int clients = 10_000;
        double handshakeRate = 0;
        double announceRate = 0;
        Duration announceFor = Duration.ofSeconds(20);
        int sources = 2048;
        String sourceBase = "127.1.0.1";
        int window = 2000;
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--coordinator" -> coordinators.addAll(List.of(value.split(",")));
                case "--key" -> key = value;
                case "--clients" -> clients = Integer.parseInt(value);
                case "--handshake-rate" -> handshakeRate = Double.parseDouble(value);
                case "--announce-rate" -> announceRate = Double.parseDouble(value);
                case "--announce-seconds" -> announceFor = Duration.ofSeconds(Long.parseLong(value));
                case "--sources" -> sources = Integer.parseInt(value);
                case "--source-base" -> sourceBase = value;
                case "--window" -> window = Integer.parseInt(value);
                case "--pid" -> List.of(value.split(",")).forEach(p -> pids.add(Long.parseLong(p)));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see LoadGenerator's javadoc)");
            }
            i++;
        }
        if (coordinators.isEmpty() || key == null) {
            throw new IllegalArgumentException("--coordinator HOST:PORT[,HOST:PORT] and --key BASE64 are required");
        }
        return new Options(coordinators, key, clients, handshakeRate, announceRate, announceFor, sources, sourceBase,
                window, pids);
    }
}
