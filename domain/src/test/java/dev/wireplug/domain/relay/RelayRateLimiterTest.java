package dev.wireplug.domain.relay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RelayRateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void passesWhileBothBucketsHaveRoom() {
        RelayRateLimiter limiter = new RelayRateLimiter(new RelayLimits(100, 10_000, 3, 3_000), 0);
        assertTrue(limiter.tryPass(1000, 0));
        assertTrue(limiter.tryPass(1000, 0));
        assertTrue(limiter.tryPass(1000, 0));
        assertFalse(limiter.tryPass(1, 0), "the packet bucket is empty");
    }

    @Test
    void theByteBucketLimitsLargeDatagrams() {
        RelayRateLimiter limiter = new RelayRateLimiter(new RelayLimits(100, 1_000, 10, 1_500), 0);
        assertTrue(limiter.tryPass(1420, 0));
        assertFalse(limiter.tryPass(1420, 0));
        assertTrue(limiter.tryPass(80, 0), "a small one still fits the bytes left");
    }

    @Test
    void aRefusalChargesNeitherBucket() {
        RelayRateLimiter limiter = new RelayRateLimiter(new RelayLimits(100, 1_000, 2, 1_000), 0);
        assertFalse(limiter.tryPass(1_001, 0));
        assertTrue(limiter.tryPass(1_000, 0), "the failed pass took no packet token and no bytes");
        assertTrue(limiter.tryPass(0, 0));
        assertFalse(limiter.tryPass(0, 0));
    }

    @Test
    void recoversWithTime() {
        RelayRateLimiter limiter = new RelayRateLimiter(new RelayLimits(10, 14_200, 1, 1_420), 0);
        assertTrue(limiter.tryPass(1420, 0));
        assertFalse(limiter.tryPass(1420, SECOND / 20));
        assertTrue(limiter.tryPass(1420, SECOND / 10));
    }

    @Test
    void rejectsNegativeSizes() {
        RelayRateLimiter limiter = new RelayRateLimiter(RelayLimits.PER_ALLOCATION_DEFAULT, 0);
        assertThrows(IllegalArgumentException.class, () -> limiter.tryPass(-1, 0));
    }

    @Test
    void limitsRejectNonPositiveAndAbsurdValues() {
        assertThrows(IllegalArgumentException.class, () -> new RelayLimits(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RelayLimits(1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RelayLimits(1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RelayLimits(1, 1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new RelayLimits(1, 1, RelayLimits.MAX_BURST + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RelayLimits(RelayLimits.MAX_PACKETS_PER_SECOND + 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RelayLimits(1, RelayLimits.MAX_BYTES_PER_SECOND + 1, 1, 1));
    }
}
