package dev.wireplug.adapters.nat.announce;

import dev.wireplug.application.port.out.GatewayAnnouncements;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;

/**
 * Listens on 224.0.0.1:5350 on every multicast-capable interface, on a daemon thread. Source
 * addresses are passed on as the gateway: the policy ignores announcements from anyone but the
 * gateway holding our mapping.
 */
final class MulticastGatewayAnnouncements implements GatewayAnnouncements {
    static final String GROUP = "224.0.0.1";
    static final int PORT = 5350;

    private final int port;
    private Optional<MulticastSocket> socket = Optional.empty();

    MulticastGatewayAnnouncements(int port) {
        this.port = port;
    }

    @Override
    public synchronized void start(Listener listener) {
        if (socket.isPresent()) {
            return;
        }
        MulticastSocket s;
        try {
            s = new MulticastSocket(new InetSocketAddress(port));
            InetAddress group = InetAddress.getByName(GROUP);
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp() && nif.supportsMulticast() && !nif.isLoopback()) {
                    try {
                        s.joinGroup(new InetSocketAddress(group, port), nif);
                    } catch (IOException e) {
                        // an interface without IPv4: nothing to hear there
                    }
                }
            }
        } catch (IOException e) {
            // Port taken (another client on this host) or no multicast: renewals still notice resets.
            return;
        }
        socket = Optional.of(s);
        Thread t = new Thread(() -> receive(s, listener), "gateway-announcements");
        t.setDaemon(true);
        t.start();
    }

    private static void receive(MulticastSocket s, Listener listener) {
        byte[] buf = new byte[1100];
        while (!s.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                continue;
            }
            InetAddress source = p.getAddress();
            AnnouncementDecoder.decode(Arrays.copyOf(p.getData(), p.getLength()))
                    .ifPresent(a -> listener.announced(source, a.method(), a.epochSeconds()));
        }
    }

    @Override
    public synchronized void close() {
        socket.ifPresent(MulticastSocket::close);
        socket = Optional.empty();
    }
}
