package dev.wireplug.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replies of one {@code ping -D} run (timestamps as ping printed them) and what they say
 * about an outage: the longest gap between two replies, the first reply after an instant.
 */
public record PingSeries(List<Reply> replies) {

    /** One echo reply: when ping printed it and its sequence number. */
    public record Reply(Instant at, int seq) {
    }

    // "[1732534523.123456] 64 bytes from 100.64.0.2: icmp_seq=12 ttl=64 time=0.512 ms"
    private static final Pattern LINE = Pattern.compile(
            "^\\[(\\d+)\\.(\\d{1,9})\\] \\d+ bytes from [^ ]+: icmp_seq=(\\d+) .*");

    public PingSeries {
        replies = List.copyOf(replies);
    }

    /** Parses ping's output; lines that are not replies (header, timeouts, summary) are ignored. */
    public static PingSeries parse(String output) {
        List<Reply> out = new ArrayList<>();
        for (String line : output.lines().toList()) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                String frac = (m.group(2) + "000000000").substring(0, 9);
                out.add(new Reply(Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(frac)),
                        Integer.parseInt(m.group(3))));
            }
        }
        return new PingSeries(out);
    }

    public int count() {
        return replies.size();
    }

    /** The longest time between two consecutive replies; empty with fewer than two replies. */
    public Optional<Duration> longestGap() {
        Duration best = null;
        for (int i = 1; i < replies.size(); i++) {
            Duration d = Duration.between(replies.get(i - 1).at(), replies.get(i).at());
            if (best == null || d.compareTo(best) > 0) {
                best = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The gap that contains {@code event}: from the last reply before it to the first after it.
     * Replies already in flight when the event happens still arrive after it, so for an outage
     * that starts at the event prefer {@link #longestGap()} over a series that brackets it.
     */
    public Optional<Duration> gapAround(Instant event) {
        Optional<Reply> before = replies.stream().filter(r -> !r.at().isAfter(event)).reduce((a, b) -> b);
        Optional<Reply> after = firstReplyAfter(event);
        if (before.isEmpty() || after.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(before.get().at(), after.get().at()));
    }

    public Optional<Reply> firstReplyAfter(Instant t) {
        return replies.stream().filter(r -> r.at().isAfter(t)).findFirst();
    }

    public long repliesBetween(Instant from, Instant to) {
        return replies.stream().filter(r -> r.at().isAfter(from) && !r.at().isAfter(to)).count();
    }
}
