package dev.wireplug.adapters.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WireGuardDevice} adapter must do, run against a real device by each adapter's
 * lab test (UAPI: {@link UapiWireGuardDeviceLabTest}; the kernel adapter's live test does the same
 * round trip where the module exists).
 */
abstract class WireGuardDeviceContract {
    /** Shared by all tests: a peer key equal to the device's own public key would be dropped. */
    private static final Random random = new Random(7);

    abstract WireGuardDevice device();

    static PrivateKey privateKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        bytes[0] &= (byte) 248;
        bytes[31] = (byte) ((bytes[31] & 127) | 64);
        return PrivateKey.of(bytes);
    }

    static PublicKey peerKey() {
        return Curve25519PublicKeys.of(privateKey());
    }

    @Test
    void endpointOnlyMovesAnExistingPeerAndNeverCreatesOne() throws Exception {
        PublicKey known = peerKey();
        PublicKey unknown = peerKey();
        device().apply(new DeviceChange(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), true,
                List.of(new PeerChange(known, false, false, Optional.of(Endpoint.parse("198.18.0.3:1000")),
                        Optional.of(Duration.ofSeconds(15)), Optional.of(List.of(IpPrefix.parse("10.79.0.3/32")))))));

        device().apply(DeviceChange.peersOnly(List.of(
                PeerChange.endpointOnly(known, Endpoint.parse("198.18.0.4:2000")),
                PeerChange.endpointOnly(unknown, Endpoint.parse("198.18.0.5:3000")))));

        DeviceState state = device().read();
        assertEquals(1, state.peers().size());
        PeerState peer = state.peer(known).orElseThrow();
        assertEquals(Optional.of(Endpoint.parse("198.18.0.4:2000")), peer.endpoint());
        assertEquals(Optional.of(Duration.ofSeconds(15)), peer.persistentKeepalive(), "keepalive untouched");
        assertEquals(List.of(IpPrefix.parse("10.79.0.3/32")), peer.allowedIps(), "allowed IPs untouched");
        assertFalse(state.peer(unknown).isPresent());
    }

    @Test
    void removesAPeerAndReplacesAllowedIps() throws Exception {
        PublicKey stays = peerKey();
        PublicKey goes = peerKey();
        device().apply(new DeviceChange(Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), true, List.of(
                new PeerChange(stays, false, false, Optional.empty(), Optional.empty(),
                        Optional.of(List.of(IpPrefix.parse("10.80.0.1/32")))),
                new PeerChange(goes, false, false, Optional.empty(), Optional.empty(),
                        Optional.of(List.of(IpPrefix.parse("10.80.0.2/32")))))));

        device().apply(DeviceChange.peersOnly(List.of(PeerChange.removal(goes),
                new PeerChange(stays, false, true, Optional.empty(), Optional.of(Duration.ZERO),
                        Optional.of(List.of(IpPrefix.parse("10.81.0.0/16")))))));

        DeviceState state = device().read();
        assertEquals(List.of(stays), state.peers().stream().map(PeerState::publicKey).toList());
        assertEquals(List.of(IpPrefix.parse("10.81.0.0/16")), state.peers().get(0).allowedIps());
        assertEquals(Optional.empty(), state.peers().get(0).persistentKeepalive());
    }

}
