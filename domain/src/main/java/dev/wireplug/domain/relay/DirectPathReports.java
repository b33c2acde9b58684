package dev.wireplug.domain.relay;

import dev.wireplug.domain.endpoint.DirectPathReport;
import dev.wireplug.domain.key.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest report of each side of one pair about their direct path. A report kind repeated by
 * the same side keeps the time it was first made (so "failing since" really is since), and keeps
 * counting as current only while the daemon repeats it: the daemons resend a report every few
 * seconds while it holds, and a lost or outdated one simply ages out. Immutable.
 */
public record DirectPathReports(Map<PublicKey, Entry> latest) {

    /** One side's latest report: what, since when it holds, and when it was last repeated. */
    public record Entry(DirectPathReport report, Instant since, Instant lastAt) {
        public Entry {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(lastAt, "lastAt");
        }
    }

    /** A report not repeated for this long no longer counts. */
    public static final Duration CURRENT_FOR = Duration.ofSeconds(10);

    public static final DirectPathReports NONE = new DirectPathReports(Map.of());

    public DirectPathReports {
        latest = Map.copyOf(latest);
    }

    public DirectPathReports with(PublicKey reporter, DirectPathReport report, Instant now) {
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(report, "report");
        Entry previous = current(reporter, now).orElse(null);
        Instant since = previous != null && previous.report() == report ? previous.since() : now;
        Map<PublicKey, Entry> next = new HashMap<>(latest);
        next.put(reporter, new Entry(report, since, now));
        return new DirectPathReports(next);
    }

    /** Since when either side has been reporting failing direct attempts, if one still does. */
    public Optional<Instant> failingSince(Instant now) {
        return latest.keySet().stream()
                .map(key -> current(key, now))
                .flatMap(Optional::stream)
                .filter(e -> e.report() == DirectPathReport.DIRECT_FAILING)
                .map(Entry::since)
                .min(Instant::compareTo);
    }

    /** Both sides currently report a working direct path: the relay can give way. */
    public boolean bothWork(PublicKey one, PublicKey other, Instant now) {
        return works(one, now) && works(other, now);
    }

    private boolean works(PublicKey key, Instant now) {
        return current(key, now).filter(e -> e.report() == DirectPathReport.DIRECT_WORKS).isPresent();
    }

    private Optional<Entry> current(PublicKey key, Instant now) {
        return Optional.ofNullable(latest.get(key)).filter(e -> now.isBefore(e.lastAt().plus(CURRENT_FOR)));
    }
}
