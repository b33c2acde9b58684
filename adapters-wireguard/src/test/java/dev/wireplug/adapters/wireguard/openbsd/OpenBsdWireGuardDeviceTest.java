package dev.wireplug.adapters.wireguard.openbsd;

import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.publicKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.adapters.wireguard.bsd.BsdErrno;
import dev.wireplug.adapters.wireguard.bsd.BsdFixtures;
import dev.wireplug.adapters.wireguard.bsd.FakeWgIoctl;
import dev.wireplug.adapters.wireguard.bsd.LittleEndianImage;
import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.InterfaceName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenBsdWireGuardDeviceTest {
    private final FakeWgIoctl kernel = new FakeWgIoctl();
    private final OpenBsdWireGuardDevice device = new OpenBsdWireGuardDevice(new InterfaceName("wg7"), kernel);

    @Test
    void readAsksForTheSizeFirstThenForTheData() throws Exception {
        DeviceChange change = BsdFixtures.bulkChange(2);
        kernel.answer(OpenBsdWgCodec.encode(change));

        DeviceState state = device.read();

        assertEquals(BsdFixtures.expectedDevice(change, Optional.empty()), state);
        int size = 80 + 2 * (208 + 48);
        assertEquals(List.of(0, size), kernel.getBufferSizes());
    }

    @Test
    void readStartsAgainWhenPeersAreAddedBetweenTheTwoCalls() throws Exception {
        byte[] small = OpenBsdWgCodec.encode(BsdFixtures.bulkChange(1));
        DeviceChange grown = BsdFixtures.bulkChange(3);
        kernel.answer(small, OpenBsdWgCodec.encode(grown));

        DeviceState state = device.read();

        assertEquals(3, state.peers().size());
        assertEquals(BsdFixtures.expectedDevice(grown, Optional.empty()), state);
        assertEquals(List.of(0, small.length, 80 + 3 * 256), kernel.getBufferSizes());
    }

    @Test
    void aMissingInterfaceNamesTheInterfaceAndTheBackend() {
        kernel.failWith(BsdErrno.ENXIO);
        DeviceException e = assertThrows(DeviceException.class, device::read);
        assertTrue(e.getMessage().contains("wg7"), e.getMessage());
        assertTrue(e.getMessage().contains("OpenBSD ioctl"), e.getMessage());
        assertTrue(e.getMessage().contains("no such interface"), e.getMessage());
    }

    @Test
    void anInterfaceThatIsNotWireGuardSaysSo() {
        kernel.failWith(BsdErrno.ENOTTY);
        DeviceException e = assertThrows(DeviceException.class,
                () -> device.apply(DeviceChange.peersOnly(List.of(PeerChange.removal(publicKey(1))))));
        assertTrue(e.getMessage().contains("wg7") && e.getMessage().contains("OpenBSD ioctl")
                && e.getMessage().contains("not a WireGuard interface"), e.getMessage());
    }

    @Test
    void aReplyThatDoesNotParseIsADeviceErrorNamingTheInterface() {
        kernel.answer(new LittleEndianImage(80).u64(72, 5).bytes());
        DeviceException e = assertThrows(DeviceException.class, device::read);
        assertTrue(e.getMessage().contains("wg7") && e.getMessage().contains("OpenBSD ioctl"), e.getMessage());
    }

    @Test
    void applySendsTheWholeChangeInOneSiocswg() throws Exception {
        DeviceChange change = DeviceChange.peersOnly(List.of(
                PeerChange.endpointOnly(publicKey(1), Endpoint.parse("198.18.0.9:51820")),
                PeerChange.removal(publicKey(2))));

        device.apply(change);

        assertEquals(1, kernel.sets().size());
        assertArrayEquals(OpenBsdWgCodec.encode(change), kernel.sets().get(0));
    }

    @Test
    void permissionErrorsSayRootIsNeeded() {
        kernel.failWith(BsdErrno.EPERM);
        DeviceException e = assertThrows(DeviceException.class,
                () -> device.apply(DeviceChange.peersOnly(List.of())));
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
    }

    @Test
    void backendNameIsTheOneErrorsUse() {
        assertEquals("OpenBSD ioctl", device.backendName());
    }
}
