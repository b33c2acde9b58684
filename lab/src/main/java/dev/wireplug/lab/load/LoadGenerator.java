package dev.wireplug.lab.load;

import dev.wireplug.adapters.transport.noise.NoiseCrypto;
import dev.wireplug.adapters.transport.wire.WireCodec;
import dev.wireplug.adapters.transport.wire.WireFormatException;
import dev.wireplug.adapters.transport.wire.WireMessage;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulates many wireplugd clients against running wpcod instances: real X25519 keys, real Noise
 * IK handshakes and real announcements with the project's own Noise and codecs
 * ({@link SimulatedClient}), from many loopback source addresses (wpcod rate-limits handshakes
 * per source address). Clients come in pairs that list each other, so every announcement also
 * makes the coordinator pair and push. Each client's handshake initiation is prepared before the
 * clock starts: the generator then spends 2 X25519 operations per handshake to the server's 5.
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
    private final Map<Integer, SimulatedClient> byIndex = new HashMap<>();
    private final Selector selector;
    private final ByteBuffer receive = ByteBuffer.allocateDirect(2048);
    private SimulatedClient[] clients;

    record Options(List<String> coordinators, String key, int clients, double handshakeRate, double announceRate,
            Duration announceFor, int sources, String sourceBase, int window, List<Long> pids) {}

    private int inFlight;
    private long errors;
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
        clients = new SimulatedClient[options.clients()];
        for (int i = 0; i < clients.length; i++) {
            // With two coordinators, the two clients of a pair (2k, 2k+1) talk to different ones.
            DatagramChannel socket = sockets.get(i % sockets.size());
            InetSocketAddress coordinator = coordinators.get(i % coordinators.size());
            clients[i] = new SimulatedClient(i, keyPair(), coordinatorKey, random,
                    datagram -> send(socket, coordinator, datagram), this::acknowledged);
        }
        for (int i = 0; i + 1 < clients.length; i += 2) {
            clients[i].wants(clients[i + 1].key.publicKey());
            clients[i + 1].wants(clients[i].key.publicKey());
        }
        for (SimulatedClient c : clients) {
            c.prepare();
            byIndex.put(c.index, c);
        }
        System.out.printf("loadgen: %d key pairs and handshake initiations prepared in %.1f s%n", clients.length,
                seconds(System.nanoTime() - keysStarted));
        List<Memory> before = Memory.read(options.pids());

        // Phase 1: handshakes, each carrying the first announcement.
        latencies = new Latencies();
        long started = System.nanoTime();
        int next = 0;
        double credit = 0;
        long last = started;
        long lastTick = started;
        long deadline = started + Duration.ofMinutes(10).toNanos();
        long lastReport = started;
        while (latencies.count() < clients.length && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            credit = Math.min(credit + seconds(now - last) * rateOr(options.handshakeRate()), options.window());
            last = now;
            while (next < clients.length && credit >= 1 && inFlight < options.window()) {
                SimulatedClient c = clients[next++];
                credit--;
                inFlight++;
                c.startHandshake();
            }
            poll();
            if (now - lastTick > 500_000_000L) {
                retryAll(next);
                lastTick = now;
                if (now - lastReport > 5_000_000_000L) {
                    System.out.printf("  ... %d sessions, %d in flight, %.0f s%n", latencies.count(), inFlight,
                            seconds(now - started));
                    lastReport = now;
                }
            }
        }
        double elapsed = seconds(System.nanoTime() - started);
        long peers = 0;
        for (SimulatedClient c : clients) {
            peers += c.peersHeard;
        }
        System.out.printf("handshakes: %d sessions in %.1f s = %.0f handshakes/s (target rate %s); latency p50 %.1f ms,"
                + " p99 %.1f ms; peer views heard %d; send errors %d%n", latencies.count(), elapsed,
                latencies.count() / elapsed, options.handshakeRate() > 0 ? String.valueOf(options.handshakeRate()) : "max",
                latencies.percentileMillis(50), latencies.percentileMillis(99), peers, errors);

        // Memory: what N sessions cost the coordinator(s).
        keepAlive(Duration.ofSeconds(2));
        List<Memory> after = Memory.read(options.pids());
        for (int i = 0; i < after.size(); i++) {
            Memory.report(before.get(i), after.get(i), latencies.count() / Math.max(1, after.size()));
            Memory.printTopClasses(after.get(i).pid(), 8);
        }
        for (SimulatedClient c : clients) {
            c.keepalive(); // the records of the first clients would otherwise near their 90 s expiry
        }

        // Phase 2: announcements over the established sessions.
        latencies = new Latencies();
        started = System.nanoTime();
        last = started;
        lastTick = started;
        credit = 0;
        long end = started + options.announceFor().toNanos();
        int cursor = 0;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            credit = Math.min(credit + seconds(now - last) * rateOr(options.announceRate()), options.window());
            last = now;
            int scanned = 0;
            while (credit >= 1 && inFlight < options.window() && scanned < clients.length) {
                SimulatedClient c = clients[cursor];
                cursor = (cursor + 1) % clients.length;
                scanned++;
                if (c.pending() || !c.established()) {
                    continue;
                }
                credit--;
                inFlight++;
                c.reannounce();
            }
            poll();
            if (now - lastTick > 500_000_000L) {
                retryAll(clients.length);
                lastTick = now;
            }
        }
        elapsed = seconds(System.nanoTime() - started);
        long heard = -peers;
        for (SimulatedClient c : clients) {
            heard += c.peersHeard;
        }
        System.out.printf("announcements: %d over %d sessions in %.1f s = %.0f announcements/s (target rate %s);"
                + " latency p50 %.2f ms, p99 %.2f ms; peer views and pushes heard %d%n", latencies.count(),
                clients.length, elapsed, latencies.count() / elapsed,
                options.announceRate() > 0 ? String.valueOf(options.announceRate()) : "max",
                latencies.percentileMillis(50), latencies.percentileMillis(99), heard);
        for (DatagramChannel socket : sockets) {
            socket.close();
        }
    }

    private void acknowledged(long nanos) {
        inFlight--;
        latencies.add(nanos);
    }

    private void send(DatagramChannel socket, InetSocketAddress coordinator, byte[] datagram) {
        try {
            socket.send(ByteBuffer.wrap(datagram), coordinator);
        } catch (IOException e) {
            errors++;
        }
    }

    private void retryAll(int upTo) throws dev.wireplug.adapters.transport.noise.NoiseException {
        for (int i = 0; i < upTo; i++) {
            int index = clients[i].index;
            clients[i].retry();
            if (clients[i].index != index) {
                byIndex.remove(index);
                byIndex.put(clients[i].index, clients[i]); // a fresh initiation has a fresh index
            }
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
        SimulatedClient c = byIndex.get(index);
        if (c != null) {
            c.onDatagram(m, datagram);
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
        int window = 200; // in flight: enough to keep wpcod busy, few enough not to overflow its socket buffer
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
