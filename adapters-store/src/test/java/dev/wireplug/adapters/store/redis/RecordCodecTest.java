package dev.wireplug.adapters.store.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wireplug.adapters.store.contract.RendezvousStoreContract;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.rendezvous.Announcement;
import dev.wireplug.domain.rendezvous.PeerRecord;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
    private static final PublicKey A = RendezvousStoreContract.key(1);
    private static final PublicKey B = RendezvousStoreContract.key(2);

    private static PeerRecord sample() {
        return new PeerRecord(new Announcement(A, Endpoint.parse("198.18.0.1:4000"), 51820, NatKind.NO_MAPPING,
                Optional.empty(), Map.of(B, SealedHint.of(new byte[] {7, 8}))), Instant.ofEpochSecond(1_800_000_000L, 5));
    }

    @Test
    void aRecordHasThisExactLayout() {
        String hex = HexFormat.of().formatHex(RecordCodec.encode(sample()));
        String expected = "01" // version
                + "000000006b49d200" + "00000005" // expiry: seconds, nanos
                + HexFormat.of().formatHex(A.bytes())
                + "04" + "c6120001" + "0fa0" // observed 198.18.0.1:4000
                + "ca6c" // WireGuard port 51820
                + "000a" + HexFormat.of().formatHex("NO_MAPPING".getBytes()) // NAT kind by name
                + "00" // no mapped endpoint
                + "0001" + HexFormat.of().formatHex(B.bytes()) + "02" + "0708"; // one wanted peer and its hint
        assertEquals(expected, hex);
    }

    @Test
    void recordsAndPushesRoundTrip() throws RecordFormatException {
        PeerRecord record = new PeerRecord(new Announcement(A, Endpoint.parse("[2001:db8::5]:1"), 65535,
                NatKind.FIXED_MAPPING, Optional.of(Endpoint.parse("198.18.1.1:40000")),
                Map.of(B, SealedHint.of(new byte[SealedHint.MAX_LENGTH]), RendezvousStoreContract.key(3), SealedHint.none())),
                Instant.now());
        assertEquals(record, RecordCodec.decodeRecord(RecordCodec.encode(record)));
        PeerView view = new PeerView(B, Endpoint.parse("198.18.0.2:5"), 51820, NatKind.UNKNOWN, Optional.empty(),
                SealedHint.none(), Optional.of(Endpoint.parse("198.18.0.10:50000")));
        RecordCodec.Push push = RecordCodec.decodePush(RecordCodec.encode(A, view));
        assertEquals(A, push.recipient());
        assertEquals(view, push.view());
    }

    @Test
    void aRecordIsNotAPushNorThereverse() {
        assertThrows(RecordFormatException.class, () -> RecordCodec.decodePush(RecordCodec.encode(sample())));
        byte[] push = RecordCodec.encode(A, RendezvousStoreContract.view(2));
        assertThrows(RecordFormatException.class, () -> RecordCodec.decodeRecord(push));
    }

    @Test
    void truncatedOrRandomBytesOnlyEverRaiseTheCodecsOwnError() {
        byte[] whole = RecordCodec.encode(sample());
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThrows(RecordFormatException.class, () -> RecordCodec.decodeRecord(cut), "length " + length);
        }
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertThrows(RecordFormatException.class, () -> RecordCodec.decodeRecord(longer));
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            if (noise.length > 0) {
                noise[0] = (byte) (random.nextBoolean() ? RecordCodec.RECORD_VERSION : RecordCodec.PUSH_VERSION);
            }
            try {
                RecordCodec.decodeRecord(noise);
            } catch (RecordFormatException expected) {
                // the only failure allowed
            }
            try {
                RecordCodec.decodePush(noise);
            } catch (RecordFormatException expected) {
                // likewise
            }
        }
        byte[] flipped = whole.clone();
        flipped[0] = 2;
        assertThrows(RecordFormatException.class, () -> RecordCodec.decodeRecord(flipped));
        assertArrayEquals(whole, RecordCodec.encode(sample()));
    }
}
