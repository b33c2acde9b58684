package dev.wireplug.domain.relay;

/**
 * Rates a relay lets through, in packets and bytes per second, with the bursts it tolerates.
 * Used per allocation and for the whole relay, so one pair cannot starve the others and the
 * relay as a whole cannot be turned into an amplifier of someone's traffic bill.
 */
public record RelayLimits(long packetsPerSecond, long bytesPerSecond, long burstPackets, long burstBytes) {
    /** The largest burst a bucket may hold: keeps the token arithmetic within a long. */
    public static final long MAX_BURST = 1L << 33;

    /** 20k packets/s and 25 MB/s (200 Mbit/s) per pair, with a quarter-second burst. */
    public static final RelayLimits PER_ALLOCATION_DEFAULT = new RelayLimits(20_000, 25_000_000, 5_000, 6_250_000);

    /** 200k packets/s and 125 MB/s (1 Gbit/s) for the whole relay, with a quarter-second burst. */
    public static final RelayLimits GLOBAL_DEFAULT = new RelayLimits(200_000, 125_000_000, 50_000, 31_250_000);

    public RelayLimits {
        positive("packetsPerSecond", packetsPerSecond);
        positive("bytesPerSecond", bytesPerSecond);
        positive("burstPackets", burstPackets);
        positive("burstBytes", burstBytes);
        if (burstPackets > MAX_BURST || burstBytes > MAX_BURST) {
            throw new IllegalArgumentException("a relay burst is at most " + MAX_BURST);
        }
        if (packetsPerSecond > 1_000_000_000L || bytesPerSecond > 1_000_000_000_000L) {
            throw new IllegalArgumentException("relay rates above 1e9 packets/s or 1e12 bytes/s make no sense");
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
