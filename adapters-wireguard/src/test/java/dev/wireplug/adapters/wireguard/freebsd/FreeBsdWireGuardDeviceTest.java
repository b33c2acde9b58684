package dev.wireplug.adapters.wireguard.freebsd;

import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.keyBytes;
import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.publicKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.adapters.wireguard.bsd.BsdErrno;
import dev.wireplug.adapters.wireguard.bsd.BsdFixtures;
import dev.wireplug.adapters.wireguard.bsd.FakeWgIoctl;
import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.InterfaceName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreeBsdWireGuardDeviceTest {
    private final FakeWgIoctl kernel = new FakeWgIoctl().enospcWhenTooSmall();
    private final FreeBsdWireGuardDevice device = new FreeBsdWireGuardDevice(new InterfaceName("wg3"), kernel);

    private static byte[] kernelAnswer(DeviceChange configured) throws Exception {
        return NvlistCodec.pack(FreeBsdWgNvCodec.encode(configured));
    }

    @Test
    void readAsksForTheSizeThenForThePackedList() throws Exception {
        DeviceChange change = BsdFixtures.bulkChange(2);
        byte[] answer = kernelAnswer(change);
        kernel.answer(answer);

        assertEquals(BsdFixtures.expectedDevice(change, Optional.empty()).peers(), device.read().peers());
        assertEquals(List.of(0, answer.length), kernel.getBufferSizes());
    }

    @Test
    void readStartsAgainWhenTheKernelSaysEnospc() throws Exception {
        byte[] small = kernelAnswer(BsdFixtures.bulkChange(1));
        byte[] big = kernelAnswer(BsdFixtures.bulkChange(4));
        kernel.answer(small, big);

        assertEquals(4, device.read().peers().size());
        assertEquals(List.of(0, small.length, 0, big.length), kernel.getBufferSizes());
    }

    @Test
    void aMissingInterfaceNamesTheInterfaceAndTheBackend() {
        kernel.failWith(BsdErrno.ENXIO);
        DeviceException e = assertThrows(DeviceException.class, device::read);
        assertTrue(e.getMessage().contains("wg3") && e.getMessage().contains("FreeBSD nvlist ioctl")
                && e.getMessage().contains("no such interface"), e.getMessage());
    }

    @Test
    void aReplyThatIsNoNvlistIsADeviceError() {
        kernel.answer(new byte[] {1, 2, 3});
        DeviceException e = assertThrows(DeviceException.class, device::read);
        assertTrue(e.getMessage().contains("wg3") && e.getMessage().contains("FreeBSD nvlist ioctl"), e.getMessage());
    }

    @Test
    void applySendsOnePackedNvlist() throws Exception {
        DeviceChange change = DeviceChange.peersOnly(List.of(PeerChange.removal(publicKey(2))));
        device.apply(change);
        assertEquals(1, kernel.sets().size());
        assertEquals(NvlistCodec.unpack(NvlistCodec.pack(FreeBsdWgNvCodec.encode(change))),
                NvlistCodec.unpack(kernel.sets().get(0)));
    }

    @Test
    void updateOnlyPeersTheDeviceLacksAreDroppedSoTheKernelCreatesNothing() throws Exception {
        kernel.answer(kernelAnswer(DeviceChange.peersOnly(List.of(BsdFixtures.bulkPeer(1)))));
        Endpoint moved = Endpoint.parse("198.18.0.77:4000");

        device.apply(DeviceChange.peersOnly(List.of(
                PeerChange.endpointOnly(publicKey(1), moved),
                PeerChange.endpointOnly(publicKey(99), moved))));

        Nvlist sent = NvlistCodec.unpack(kernel.sets().get(0));
        List<Nvlist> peers = sent.nvlistArray("peers");
        assertEquals(1, peers.size());
        assertEquals(List.of(new Nvlist.Pair("public-key", new NvValue.Binary(keyBytes(1))),
                new Nvlist.Pair("endpoint", new NvValue.Binary(dev.wireplug.adapters.wireguard.bsd.BsdSockaddr.FREEBSD
                        .encode(moved)))), peers.get(0).pairs());
    }

    @Test
    void backendNameIsTheOneErrorsUse() {
        assertEquals("FreeBSD nvlist ioctl", device.backendName());
    }
}
