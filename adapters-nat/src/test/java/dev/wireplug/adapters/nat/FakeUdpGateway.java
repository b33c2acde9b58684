package dev.wireplug.adapters.nat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A scripted UDP server on 127.0.0.1 standing in for a gateway's port 5351. */
public final class FakeUdpGateway implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;
    public final List<byte[]> requests = new CopyOnWriteArrayList<>();
    private volatile Function<byte[], List<byte[]>> script;

    public FakeUdpGateway(Function<byte[], List<byte[]>> script) throws SocketException {
        this.script = script;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::serve, "fake-gateway");
        thread.setDaemon(true);
        thread.start();
    }

    public void script(Function<byte[], List<byte[]>> script) {
        this.script = script;
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                byte[] req = Arrays.copyOf(p.getData(), p.getLength());
                requests.add(req);
                for (byte[] reply : script.apply(req)) {
                    socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    /** A loopback port with nothing listening: the kernel answers with ICMP port unreachable. */
    public static int closedPort() throws SocketException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }
}
