package dev.wireplug.adapters.nat.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.adapters.nat.udp.RetransmitSchedule;
import dev.wireplug.domain.nat.MappingBehaviour;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.nat.NatProbeResult;
import dev.wireplug.domain.net.Endpoint;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Four loopback STUN responders play an RFC 5780 server with two addresses (127.0.0.1 and
 * 127.0.0.2, each on two ports); a "nat" function decides which mapped endpoint each reports, so
 * each mapping behaviour can be staged without a real NAT.
 */
class StunNatProberTest {
    InetAddress primaryIp;
    InetAddress alternateIp;
    final List<DatagramSocket> servers = new ArrayList<>();
    int primaryPort;
    int alternatePort;
    volatile BiFunction<InetSocketAddress, InetSocketAddress, Optional<InetSocketAddress>> nat;

    @BeforeEach
    void startServers() throws Exception {
        primaryIp = InetAddress.getByName("127.0.0.1");
        alternateIp = InetAddress.getByName("127.0.0.2");
        DatagramSocket a = bind(primaryIp, 0);
        primaryPort = a.getLocalPort();
        DatagramSocket d = bind(alternateIp, 0);
        alternatePort = d.getLocalPort();
        bind(alternateIp, primaryPort);
        bind(primaryIp, alternatePort);
        nat = (client, server) -> Optional.of(client);
    }

    @AfterEach
    void stopServers() {
        servers.forEach(DatagramSocket::close);
    }

    DatagramSocket bind(InetAddress ip, int port) throws SocketException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(ip, port));
        servers.add(s);
        Thread t = new Thread(() -> serve(s), "fake-stun");
        t.setDaemon(true);
        t.start();
        return s;
    }

    void serve(DatagramSocket s) {
        byte[] buf = new byte[1500];
        while (!s.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
                byte[] req = Arrays.copyOf(p.getData(), p.getLength());
                Optional<InetSocketAddress> mapped = nat.apply((InetSocketAddress) p.getSocketAddress(),
                        (InetSocketAddress) s.getLocalSocketAddress());
                if (mapped.isPresent()) {
                    byte[] resp = response(Arrays.copyOfRange(req, 8, 20), mapped.get(),
                            new InetSocketAddress(alternateIp, alternatePort));
                    s.send(new DatagramPacket(resp, resp.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Binding success with XOR-MAPPED-ADDRESS and OTHER-ADDRESS (RFC 8489 14.2, RFC 5780 7.4). */
    static byte[] response(byte[] txid, InetSocketAddress mapped, InetSocketAddress other) {
        ByteBuffer b = ByteBuffer.allocate(20 + 12 + 12);
        b.putShort((short) 0x0101).putShort((short) 24).putInt(StunCodec.MAGIC_COOKIE).put(txid);
        byte[] m = mapped.getAddress().getAddress();
        byte[] cookie = ByteBuffer.allocate(4).putInt(StunCodec.MAGIC_COOKIE).array();
        for (int i = 0; i < 4; i++) {
            m[i] ^= cookie[i];
        }
        b.putShort((short) 0x0020).putShort((short) 8).put((byte) 0).put((byte) 1)
                .putShort((short) (mapped.getPort() ^ 0x2112)).put(m);
        b.putShort((short) 0x802C).putShort((short) 8).put((byte) 0).put((byte) 1)
                .putShort((short) other.getPort()).put(other.getAddress().getAddress());
        return b.array();
    }

    NatProbeResult probe() {
        StunNatProber prober = new StunNatProber(new SecureRandom(),
                new RetransmitSchedule(Duration.ofMillis(100), 3, Duration.ofMillis(400)));
        return prober.probe(0, new Endpoint(primaryIp, primaryPort));
    }

    static InetSocketAddress pub(int port) {
        return new InetSocketAddress(address("198.18.0.1"), port);
    }

    static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ownAddressReflectedMeansNoNat() {
        NatProbeResult r = probe();
        assertEquals(MappingBehaviour.NO_NAT, r.behaviour());
        assertEquals(NatKind.NO_MAPPING, r.natKind());
    }

    @Test
    void sameMappingEverywhereIsEndpointIndependent() {
        nat = (client, server) -> Optional.of(pub(40000));
        NatProbeResult r = probe();
        assertEquals(MappingBehaviour.ENDPOINT_INDEPENDENT, r.behaviour());
        assertEquals(Optional.of(new Endpoint(address("198.18.0.1"), 40000)), r.mapped());
        assertEquals(NatKind.FIXED_MAPPING, r.natKind());
    }

    @Test
    void mappingPerServerAddressIsAddressDependent() {
        nat = (client, server) -> Optional.of(pub(server.getAddress().equals(primaryIp) ? 40000 : 40001));
        assertEquals(MappingBehaviour.ADDRESS_DEPENDENT, probe().behaviour());
    }

    @Test
    void mappingPerServerAddressAndPortIsAddressAndPortDependent() {
        nat = (client, server) -> Optional.of(pub(40000 + server.getPort() % 1000 + (server.getAddress().equals(primaryIp) ? 0 : 1000)));
        NatProbeResult r = probe();
        assertEquals(MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT, r.behaviour());
        assertEquals(NatKind.DESTINATION_DEPENDENT, r.natKind());
    }

    @Test
    void silentAlternateLeavesTheBehaviourUntested() {
        nat = (client, server) -> server.getAddress().equals(primaryIp) ? Optional.of(pub(40000)) : Optional.empty();
        assertEquals(MappingBehaviour.UNTESTED, probe().behaviour());
    }

    @Test
    void silentServerIsUnknownWithinTheDeadline() {
        nat = (client, server) -> Optional.empty();
        long t0 = System.nanoTime();
        assertEquals(MappingBehaviour.UNKNOWN, probe().behaviour());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("stun silent server gave up in ms=" + ms);
        assertTrue(ms < 2000, ms + " ms");
    }
}
