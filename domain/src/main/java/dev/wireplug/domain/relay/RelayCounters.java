package dev.wireplug.domain.relay;

/**
 * What a data plane did with the datagrams of one allocation: forwarded (both directions), dropped
 * because they came from an address that is not a learned side (or before both were learned),
 * dropped by the rate limits.
 */
public record RelayCounters(long forwardedPackets, long forwardedBytes, long droppedPackets, long limitedPackets) {
    public static final RelayCounters ZERO = new RelayCounters(0, 0, 0, 0);

    public RelayCounters {
        if (forwardedPackets < 0 || forwardedBytes < 0 || droppedPackets < 0 || limitedPackets < 0) {
            throw new IllegalArgumentException("relay counters are never negative");
        }
    }
}
