package dev.wireplug.lab.load;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Prints a port free for both UDP and TCP on loopback (for lab/benchmark). */
public final class FreePort {
    private FreePort() {}

    public static void main(String[] args) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        while (true) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback);
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()))) {
                System.out.println(tcp.getLocalPort());
                return;
            } catch (IOException taken) {
                // the UDP side was in use: try another
            }
        }
    }
}
