package dev.wireplug.adapters.wireguard.bsd;

import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.PeerChange;
import dev.wireplug.domain.device.PeerState;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Keys, peers and byte helpers shared by the BSD codec tests. */
public final class BsdFixtures {
    private BsdFixtures() {}

    /**
     * 32 bytes: the seed as a big-endian int, then {@code seed+4, seed+5, ...}: recognisable in a hex
     * dump, and distinct for every seed (a thousand peers need a thousand keys).
     */
    public static byte[] keyBytes(int seed) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < 32; i++) {
            bytes[i] = (byte) (seed + i);
        }
        bytes[0] = (byte) (seed >>> 24);
        bytes[1] = (byte) (seed >>> 16);
        bytes[2] = (byte) (seed >>> 8);
        bytes[3] = (byte) seed;
        return bytes;
    }

    public static PublicKey publicKey(int seed) {
        return PublicKey.of(keyBytes(seed));
    }

    public static PrivateKey privateKey(int seed) {
        return PrivateKey.of(keyBytes(seed));
    }

    public static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Peer {@code i} of a large device: a distinct key, endpoint and two allowed IPs, v4 and v6. */
    public static PeerChange bulkPeer(int i) {
        Endpoint endpoint = i % 2 == 0
                ? Endpoint.parse("198.18." + (i / 250) + "." + (i % 250 + 1) + ":" + (20000 + i))
                : Endpoint.parse("[2001:db8::" + Integer.toHexString(i) + "]:" + (20000 + i));
        List<IpPrefix> aips = List.of(
                IpPrefix.parse("10." + (i / 250) + "." + (i % 250) + ".0/24"),
                IpPrefix.parse("fd00:" + Integer.toHexString(i) + "::/64"));
        return new PeerChange(publicKey(i), false, false, Optional.of(endpoint),
                Optional.of(Duration.ofSeconds(25)), Optional.of(aips));
    }

    /** Peers 0 to {@code peers - 1}, all with distinct keys, replacing whatever the device had. */
    public static DeviceChange bulkChange(int peers) {
        List<PeerChange> list = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            list.add(bulkPeer(i));
        }
        return new DeviceChange(Optional.of(privateKey(200)), OptionalInt.of(51820), OptionalInt.empty(), true, list);
    }

    /** What a device reads back after {@code change} was applied to an empty device (no traffic yet). */
    public static PeerState expectedState(PeerChange change) {
        return new PeerState(change.publicKey(), change.endpoint(), change.allowedIps().orElse(List.of()),
                change.persistentKeepalive(), Optional.empty(), 0, 0);
    }

    public static List<PeerState> expectedPeers(DeviceChange change) {
        return change.peers().stream().map(BsdFixtures::expectedState).toList();
    }

    public static DeviceState expectedDevice(DeviceChange change, Optional<PublicKey> publicKey) {
        return new DeviceState(publicKey, change.listenPort().orElse(0), change.fwmark().orElse(0),
                expectedPeers(change));
    }
}
