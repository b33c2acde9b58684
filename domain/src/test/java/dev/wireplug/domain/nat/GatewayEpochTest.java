package dev.wireplug.domain.nat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 6887 section 8.5 epoch validation, with the numbers of its rules. */
class GatewayEpochTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static GatewayEpoch at(long epoch, long secondsAfterT0) {
        return new GatewayEpoch(epoch, T0.plusSeconds(secondsAfterT0));
    }

    @Test
    void epochAdvancingWithWallTimeIsNoReset() {
        assertFalse(at(1100, 100).showsResetSince(at(1000, 0)));
        assertFalse(at(1000, 0).showsResetSince(at(1000, 0)));
    }

    @Test
    void epochGoingBackMoreThanOneSecondIsAReset() {
        assertTrue(at(5, 3600).showsResetSince(at(1000, 0)));
        assertTrue(at(998, 0).showsResetSince(at(1000, 0)));
    }

    @Test
    void oneSecondBackIsToleratedAsRounding() {
        assertFalse(at(999, 0).showsResetSince(at(1000, 0)));
    }

    @Test
    void epochAdvancingFarLessThanWallTimeIsAReset() {
        // miniupnpd restarted 3500 s into a 3600 s wait: epoch only moved by 100
        assertTrue(at(1100, 3600).showsResetSince(at(1000, 0)));
    }

    @Test
    void epochAdvancingFarMoreThanWallTimeIsAReset() {
        assertTrue(at(5000, 100).showsResetSince(at(1000, 0)));
    }

    @Test
    void driftWithinTwoSecondsPlusOneSixteenthIsTolerated() {
        // client 1600 s, server 1600 - 1600/16 + 2 = 1502: just inside
        assertFalse(at(1000 + 1502, 1600).showsResetSince(at(1000, 0)));
        assertTrue(at(1000 + 1400, 1600).showsResetSince(at(1000, 0)));
        assertFalse(at(1000 + 1700, 1600).showsResetSince(at(1000, 0)));
    }

    @Test
    void epochIsUnsigned32Bit() {
        assertThrows(IllegalArgumentException.class, () -> new GatewayEpoch(-1, T0));
        assertThrows(IllegalArgumentException.class, () -> new GatewayEpoch(0x1_0000_0000L, T0));
    }
}
