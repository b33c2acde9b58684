package dev.wireplug.domain.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 5 * SECOND;

    @Test
    void startsFullAndRefusesBeyondCapacity() {
        TokenBucket bucket = new TokenBucket(10, 3, T0);
        assertTrue(bucket.tryTake(1, T0));
        assertTrue(bucket.tryTake(2, T0));
        assertFalse(bucket.tryTake(1, T0));
        assertEquals(0, bucket.available(T0));
    }

    @Test
    void aRefusedTakeTakesNothing() {
        TokenBucket bucket = new TokenBucket(10, 5, T0);
        assertFalse(bucket.tryTake(6, T0));
        assertEquals(5, bucket.available(T0));
    }

    @Test
    void refillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 10, T0);
        assertTrue(bucket.tryTake(10, T0));
        assertEquals(0, bucket.available(T0 + SECOND / 10 - 1));
        assertEquals(1, bucket.available(T0 + SECOND / 10));
        assertEquals(5, bucket.available(T0 + SECOND / 2));
    }

    @Test
    void neverHoldsMoreThanCapacity() {
        TokenBucket bucket = new TokenBucket(1000, 7, T0);
        assertTrue(bucket.tryTake(7, T0));
        assertEquals(7, bucket.available(T0 + 3600 * SECOND));
    }

    @Test
    void slowRatesAreNotRoundedAway() {
        // One token every 200 ms: polling every 50 ms (a quarter of a token each time) still grants 5 per second.
        TokenBucket bucket = new TokenBucket(5, 1, T0);
        assertTrue(bucket.tryTake(1, T0));
        int granted = 0;
        for (long t = T0; t <= T0 + SECOND; t += SECOND / 20) {
            if (bucket.tryTake(1, t)) {
                granted++;
            }
        }
        assertEquals(5, granted);
    }

    @Test
    void aClockThatStepsBackGrantsNothing() {
        TokenBucket bucket = new TokenBucket(10, 10, T0);
        assertTrue(bucket.tryTake(10, T0));
        assertEquals(0, bucket.available(T0 - SECOND));
        assertEquals(1, bucket.available(T0 + SECOND / 10));
    }

    @Test
    void largeRatesAndLongPausesDoNotOverflow() {
        TokenBucket bucket = new TokenBucket(RelayLimits.MAX_BYTES_PER_SECOND, RelayLimits.MAX_BURST, 0);
        assertTrue(bucket.tryTake(RelayLimits.MAX_BURST, 0));
        assertEquals(RelayLimits.MAX_BURST, bucket.available(Long.MAX_VALUE / 2));
        assertTrue(bucket.tryTake(RelayLimits.MAX_BURST, Long.MAX_VALUE / 2));
        assertEquals(10_000_000L, bucket.available(Long.MAX_VALUE / 2 + 1_000_000));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, RelayLimits.MAX_BURST + 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 1, 0).tryTake(-1, 0));
    }
}
