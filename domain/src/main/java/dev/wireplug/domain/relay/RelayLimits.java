package dev.wireplug.domain.relay;

/**
 * Rates a relay lets through, in packets and bytes per second, with the bursts it tolerates.
 * Used per allocation and for the whole relay, so one pair cannot starve the others and the
 * relay as a whole cannot be turned into an amplifier of someone's traffic bill.
 */
public record RelayLimits(long packetsPerSecond, long bytesPerSecond, long burstPackets, long burstBytes) {
    /**
     * The largest burst: nftables keeps a limit's burst in 32 bits (and the token arithmetic stays
     * within a long).
     */
    public static final long MAX_BURST = 0xFFFF_FFFFL;
    /** 1e9 packets/s and 1e10 bytes/s (80 Gbit/s): beyond any relay; nftables refuses a limit
     *  whose rate plus burst, in nanoseconds, overflows 64 bits. */
    public static final long MAX_PACKETS_PER_SECOND = 1_000_000_000L;
    public static final long MAX_BYTES_PER_SECOND = 10_000_000_000L;

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
        if (packetsPerSecond > MAX_PACKETS_PER_SECOND || bytesPerSecond > MAX_BYTES_PER_SECOND) {
            throw new IllegalArgumentException("relay rates are at most " + MAX_PACKETS_PER_SECOND + " packets/s and "
                    + MAX_BYTES_PER_SECOND + " bytes/s");
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
