package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WgDumpTest {

    // Format from wg(8), "dump": interface line (private-key, public-key, listen-port, fwmark),
    // then per peer: public-key, preshared-key, endpoint, allowed-ips, latest-handshake,
    // transfer-rx, transfer-tx, persistent-keepalive; tab-separated.
    private static final String DUMP = "cHJpdmF0ZQ==\tUFVCQQ==\t51821\toff\n"
            + "UFVCQg==\t(none)\t198.18.1.2:61822\t100.64.0.2/32\t1764064111\t6328\t6452\t1\n"
            + "UFVCQw==\t(none)\t(none)\t100.64.0.3/32\t0\t0\t148\toff\n";

    @Test
    void readsTheInterfaceAndEachPeer() {
        WgDump d = WgDump.parse(DUMP);
        assertEquals("UFVCQQ==", d.publicKey());
        assertEquals(51821, d.listenPort());
        assertEquals(2, d.peers().size());
        WgDump.Peer b = d.peer("UFVCQg==").orElseThrow();
        assertEquals(Optional.of("198.18.1.2:61822"), b.endpoint());
        assertEquals(Optional.of(Instant.ofEpochSecond(1764064111L)), b.latestHandshake());
        assertEquals(6328, b.rxBytes());
        assertEquals(Optional.of(1), b.keepaliveSeconds());
    }

    @Test
    void aPeerWithoutEndpointOrHandshakeHasNeither() {
        WgDump.Peer c = WgDump.parse(DUMP).peer("UFVCQw==").orElseThrow();
        assertTrue(c.endpoint().isEmpty());
        assertTrue(c.latestHandshake().isEmpty());
        assertTrue(c.keepaliveSeconds().isEmpty());
    }

    @Test
    void rejectsSomethingThatIsNotADump() {
        assertThrows(IllegalArgumentException.class, () -> WgDump.parse(""));
        assertThrows(IllegalArgumentException.class, () -> WgDump.parse("interface: wg0\n"));
    }
}
