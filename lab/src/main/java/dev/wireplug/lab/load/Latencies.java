package dev.wireplug.lab.load;

import java.util.Arrays;

/** Every sample kept (a few hundred thousand longs at most), sorted once for the percentiles. */
final class Latencies {
    private long[] nanos = new long[1024];
    private int count;

    void add(long sample) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = sample;
    }

    int count() {
        return count;
    }

    double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(percentile / 100 * count) - 1));
        return sorted[index] / 1e6;
    }
}
