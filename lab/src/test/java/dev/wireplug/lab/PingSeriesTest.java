package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PingSeriesTest {

    // Shape of `ping -D -n -i 0.05` output from iputils-ping 20221126 (Debian 12).
    private static final String OUTPUT = """
            PING 100.64.0.1 (100.64.0.1) 56(84) bytes of data.
            [1764064111.100000] 64 bytes from 100.64.0.1: icmp_seq=1 ttl=64 time=0.512 ms
            [1764064111.150500] 64 bytes from 100.64.0.1: icmp_seq=2 ttl=64 time=0.498 ms
            [1764064113.900250] 64 bytes from 100.64.0.1: icmp_seq=57 ttl=64 time=1.02 ms
            [1764064113.950000] 64 bytes from 100.64.0.1: icmp_seq=58 ttl=64 time=0.61 ms

            --- 100.64.0.1 ping statistics ---
            58 packets transmitted, 4 received, 93.1034% packet loss, time 2850ms
            """;

    @Test
    void parsesEveryReplyWithItsTimestampAndSequence() {
        PingSeries s = PingSeries.parse(OUTPUT);
        assertEquals(4, s.count());
        assertEquals(Instant.ofEpochSecond(1764064111L, 150_500_000L), s.replies().get(1).at());
        assertEquals(57, s.replies().get(2).seq());
    }

    @Test
    void theLongestGapIsBetweenTheLastReplyBeforeTheOutageAndTheFirstAfter() {
        assertEquals(Duration.ofNanos(2_749_750_000L), PingSeries.parse(OUTPUT).longestGap().orElseThrow());
    }

    @Test
    void theGapAroundAnEventSpansItAndRepliesAreCountedByTime() {
        PingSeries s = PingSeries.parse(OUTPUT);
        Instant event = Instant.ofEpochSecond(1764064112L);
        assertEquals(Duration.ofNanos(2_749_750_000L), s.gapAround(event).orElseThrow());
        assertEquals(57, s.firstReplyAfter(event).orElseThrow().seq());
        assertEquals(0, s.repliesBetween(event, Instant.ofEpochSecond(1764064113L)));
        assertEquals(2, s.repliesBetween(event, Instant.ofEpochSecond(1764064114L)));
    }

    @Test
    void noRepliesMeansNoGap() {
        PingSeries s = PingSeries.parse("PING 100.64.0.1 (100.64.0.1) 56(84) bytes of data.\n");
        assertEquals(0, s.count());
        assertTrue(s.longestGap().isEmpty());
        assertTrue(s.gapAround(Instant.EPOCH).isEmpty());
    }

    @Test
    void shortFractionsAreScaledNotReadAsNanoseconds() {
        PingSeries s = PingSeries.parse("[100.5] 64 bytes from 1.2.3.4: icmp_seq=1 ttl=64 time=1 ms\n");
        assertEquals(Instant.ofEpochSecond(100, 500_000_000), s.replies().get(0).at());
    }
}
