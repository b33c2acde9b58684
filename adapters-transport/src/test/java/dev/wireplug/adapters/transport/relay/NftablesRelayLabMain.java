package dev.wireplug.adapters.transport.relay;

import dev.wireplug.application.port.out.RelayDataPlane.Opening;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayLimits;
import dev.wireplug.domain.relay.RelayPeer;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * The nftables plane for real, run by {@link NftablesRelayDataPlaneLabTest} inside a fresh
 * network namespace (it installs nftables rules): peers on 127.0.0.2 and 127.0.0.3, a third host
 * on 127.0.0.4, the relay on 127.0.0.1. Prints one line per check; exits non-zero on the first
 * failure.
 */
public final class NftablesRelayLabMain {
    private static final RelayAllocationId ID = new RelayAllocationId(1);
    private static final int BULK = 500;

    private NftablesRelayLabMain() {}

    public static void main(String[] args) throws Exception {
        RelayPeer peerA = new RelayPeer(CapturedHandshake.A, IpAddresses.parse("127.0.0.2"));
        RelayPeer peerB = new RelayPeer(CapturedHandshake.B, IpAddresses.parse("127.0.0.3"));
        NftRunner nft = new ProcessNftRunner("nft");
        try (NftablesRelayDataPlane plane = new NftablesRelayDataPlane(new RelayPlaneSettings(
                        RelayPlaneSettings.Kind.NFTABLES, IpAddresses.parse("127.0.0.1"), RelayLimits.GLOBAL_DEFAULT, 1),
                        nft, System::nanoTime);
                UdpPeer a = new UdpPeer("127.0.0.2");
                UdpPeer b = new UdpPeer("127.0.0.3");
                UdpPeer third = new UdpPeer("127.0.0.4")) {
            InetSocketAddress relay = new InetSocketAddress(IpAddresses.parse("127.0.0.1"),
                    plane.open(new Opening(ID, peerA, peerB, RelayLimits.PER_ALLOCATION_DEFAULT, 0)));
            System.out.println("opened relay port " + relay.getPort());

            a.send(CapturedHandshake.INITIATION_A_TO_B, relay);
            check(b.receive(300).isEmpty(), "nothing reaches B before B is learned");
            byte[] fromB = TestMessages.initiationTowards(CapturedHandshake.A, 1);
            b.send(fromB, relay);
            UdpPeer.Received atA = a.receive(2000).orElseThrow(() -> new AssertionError("B's initiation did not reach A"));
            check(Arrays.equals(fromB, atA.payload()) && atA.from().equals(relay), "B's initiation reached A from the relay port");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!plane.offloaded(ID)) {
                check(System.nanoTime() < deadline, "the kernel rules are installed within 5 s");
                Thread.sleep(10);
            }
            System.out.println("kernel rules installed:\n" + nft.list("list", "table", "inet", "wireplug_relay"));

            int atB = 0;
            int backAtA = 0;
            boolean fromRelay = true;
            for (int i = 0; i < BULK; i++) {
                a.send(TestMessages.transport(1452, i), relay);
                UdpPeer.Received r = b.receive(1000).orElseThrow(() -> new AssertionError("A's data did not reach B"));
                fromRelay &= r.from().equals(relay);
                atB++;
                b.send(TestMessages.transport(96, i), relay);
                UdpPeer.Received back = a.receive(1000).orElseThrow(() -> new AssertionError("B's data did not reach A"));
                fromRelay &= back.from().equals(relay);
                backAtA++;
            }
            check(fromRelay, "each side sees the relay port as the other's endpoint");
            RelayCounters kernel = plane.kernelCounters(ID);
            RelayCounters total = plane.counters(ID);
            System.out.println("bulk A->B " + atB + " B->A " + backAtA + "; kernel " + kernel + "; total " + total);
            check(kernel.forwardedPackets() == 2L * BULK, "the kernel counted every bulk datagram: " + kernel);
            check(kernel.forwardedBytes() == BULK * (1452L + 96L), "the kernel's bytes are UDP payload bytes: " + kernel);
            check(total.forwardedPackets() - kernel.forwardedPackets() == 1,
                    "user space forwarded only B's initiation: " + (total.forwardedPackets() - kernel.forwardedPackets()));

            long droppedBefore = plane.counters(ID).droppedPackets();
            third.send(TestMessages.transport(128, 7), relay);
            third.send(CapturedHandshake.INITIATION_A_TO_B, relay);
            third.send(fromB, relay);
            check(a.receive(300).isEmpty() && b.receive(100).isEmpty(), "nothing the third host sent reached A or B");
            check(third.receive(100).isEmpty(), "the third host got nothing back");
            long droppedAfter = plane.counters(ID).droppedPackets();
            check(droppedAfter - droppedBefore == 3, "the learning socket saw and dropped the three forgeries: "
                    + (droppedAfter - droppedBefore));
            a.send(TestMessages.transport(64, 9), relay);
            check(b.receive(1000).isPresent(), "the pair still works after the forgeries");

            kernelLimits(plane, peerA, peerB, a, b);

            plane.close(ID);
            String table = nft.list("list", "table", "inet", "wireplug_relay");
            check(!table.contains("relay_1") && !table.contains("127.0.0."),
                    "no chain, limit or element of the allocation is left:\n" + table);
            a.send(TestMessages.transport(64, 10), relay);
            b.send(TestMessages.transport(64, 11), relay);
            check(a.receive(300).isEmpty() && b.receive(100).isEmpty(), "nothing is forwarded after close");
        }
        String tables = new ProcessNftRunner("nft").list("list", "tables");
        check(!tables.contains("wireplug_relay"), "the table is gone after the plane stops: " + tables);
        System.out.println("PASS");
    }

    /** A second allocation with a tight limit: the kernel drops the excess and counts it. */
    private static void kernelLimits(NftablesRelayDataPlane plane, RelayPeer peerA, RelayPeer peerB, UdpPeer a,
            UdpPeer b) throws Exception {
        RelayAllocationId tight = new RelayAllocationId(2);
        InetSocketAddress relay = new InetSocketAddress(IpAddresses.parse("127.0.0.1"),
                plane.open(new Opening(tight, peerA, peerB, new RelayLimits(10, 1_000_000, 20, 1_000_000), 0)));
        a.send(CapturedHandshake.INITIATION_A_TO_B, relay);
        b.send(TestMessages.initiationTowards(CapturedHandshake.A, 1), relay);
        a.receive(2000).orElseThrow(() -> new AssertionError("the second allocation did not become active"));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!plane.offloaded(tight)) {
            check(System.nanoTime() < deadline, "the second allocation's rules are installed within 5 s");
            Thread.sleep(10);
        }
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            try {
                a.send(TestMessages.transport(64, i), relay);
            } catch (java.net.SocketException e) {
                // A drop in the output hook is reported to a local sender as EPERM: here, the limit.
                refused++;
            }
        }
        int received = 0;
        while (b.receive(300).isPresent()) {
            received++;
        }
        RelayCounters kernel = plane.kernelCounters(tight);
        System.out.println("burst of 200 against a 10/s limit with a burst of 20: B received " + received
                + ", " + refused + " sends refused (EPERM, local sender); kernel " + kernel);
        check(received < 60, "the kernel let through about the burst, not the 200: " + received);
        check(kernel.limitedPackets() == 200 - kernel.forwardedPackets(), "the kernel counted what it dropped: " + kernel);
        plane.close(tight);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("FAILED: " + what);
        }
        System.out.println("ok: " + what.lines().findFirst().orElse(what));
    }
}
