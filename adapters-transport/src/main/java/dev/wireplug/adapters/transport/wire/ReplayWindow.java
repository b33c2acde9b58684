package dev.wireplug.adapters.transport.wire;

/**
 * A sliding window over 64-bit message counters, as WireGuard and IPsec (RFC 6479) keep one: a
 * counter is accepted once, and only if it is newer than, or at most {@link #SIZE} behind, the
 * newest accepted. Call {@link #accept} only after the message authenticated, or a forged counter
 * would move the window.
 */
public final class ReplayWindow {
    public static final int SIZE = 2048;
    private static final int WORDS = SIZE / 64;

    private final long[] bitmap = new long[WORDS];
    private long newest = -1;

    /** True (and remembered) when {@code counter} was never seen and is inside the window. */
    public synchronized boolean accept(long counter) {
        if (counter < 0) {
            return false;
        }
        if (counter > newest) {
            long shift = newest < 0 ? SIZE : counter - newest;
            if (shift >= SIZE) {
                java.util.Arrays.fill(bitmap, 0L);
            } else {
                for (long c = newest + 1; c <= counter; c++) {
                    clear(c);
                }
            }
            newest = counter;
            set(counter);
            return true;
        }
        if (newest - counter >= SIZE) {
            return false;
        }
        if (isSet(counter)) {
            return false;
        }
        set(counter);
        return true;
    }

    private void set(long c) {
        bitmap[index(c)] |= 1L << (c & 63);
    }

    private void clear(long c) {
        bitmap[index(c)] &= ~(1L << (c & 63));
    }

    private boolean isSet(long c) {
        return (bitmap[index(c)] & (1L << (c & 63))) != 0;
    }

    private static int index(long c) {
        return (int) ((c >>> 6) % WORDS);
    }
}
