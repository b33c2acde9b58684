package dev.wireplug.adapters.nat.udp;

import java.time.Duration;

/**
 * When to resend a request: first wait {@code initial}, doubling after each send, at most
 * {@code maxSends} sends and never past {@code deadline} from the first send.
 */
public record RetransmitSchedule(Duration initial, int maxSends, Duration deadline) {
    public RetransmitSchedule {
        if (initial.isNegative() || initial.isZero() || maxSends < 1 || deadline.compareTo(initial) < 0) {
            throw new IllegalArgumentException("bad schedule " + initial + " x" + maxSends + " within " + deadline);
        }
    }

    /** First contact: a gateway without the protocol must cost well under a second. */
    public static RetransmitSchedule probe(Duration initial) {
        return new RetransmitSchedule(initial, 3, Duration.ofMillis(900));
    }

    /** Renewals and deletes of a mapping the gateway granted: more patience, still bounded. */
    public static RetransmitSchedule patient(Duration initial, int maxSends) {
        long total = 0;
        long wait = initial.toMillis();
        for (int i = 0; i < maxSends; i++) {
            total += wait;
            wait *= 2;
        }
        return new RetransmitSchedule(initial, maxSends, Duration.ofMillis(Math.min(total, 8000)));
    }
}
