package dev.wireplug.domain.endpoint;

import dev.wireplug.domain.device.PeerState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The safety net behind push updates: watches one peer's counters and handshake time and says
 * when its path looks broken, so the daemon re-announces even if a push was lost or the network
 * changed silently. Verdicts are rate-limited with a doubling back-off so that a one-way stream
 * (which also sends without receiving) costs at most a few cheap announcements.
 */
public final class PeerLiveness {

    /**
     * @param rxStall sending without receiving for this long is suspicious
     * @param handshakeTooOld WireGuard re-handshakes every 2 minutes while in use; past this a
     *     session is dead (REJECT_AFTER_TIME is 180 s)
     */
    public record Settings(Duration rxStall, Duration handshakeTooOld, Duration minBackoff, Duration maxBackoff) {
        public static final Settings DEFAULT = new Settings(
                Duration.ofSeconds(3), Duration.ofSeconds(180), Duration.ofSeconds(2), Duration.ofSeconds(60));

        public Settings {
            Objects.requireNonNull(rxStall);
            Objects.requireNonNull(handshakeTooOld);
            Objects.requireNonNull(minBackoff);
            Objects.requireNonNull(maxBackoff);
        }
    }

    public sealed interface Verdict {
        record Healthy() implements Verdict {}

        record Stale(String reason) implements Verdict {}
    }

    private static final Verdict HEALTHY = new Verdict.Healthy();

    private final Settings settings;
    private long lastRx = -1;
    private long lastTx = -1;
    private Optional<Instant> sendingWithoutReplySince = Optional.empty();
    private Instant quietUntil = Instant.MIN;
    private Duration backoff;

    public PeerLiveness(Settings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.backoff = settings.minBackoff();
    }

    public Verdict observe(Instant now, PeerState state) {
        boolean received = lastRx >= 0 && state.rxBytes() > lastRx;
        boolean sent = lastTx >= 0 && state.txBytes() > lastTx;
        lastRx = state.rxBytes();
        lastTx = state.txBytes();

        if (received) {
            sendingWithoutReplySince = Optional.empty();
            backoff = settings.minBackoff();
            return HEALTHY;
        }
        if (sent && sendingWithoutReplySince.isEmpty()) {
            sendingWithoutReplySince = Optional.of(now);
        }
        Optional<String> problem = problem(now, state);
        if (problem.isEmpty() || now.isBefore(quietUntil)) {
            return HEALTHY;
        }
        quietUntil = now.plus(backoff);
        backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                : backoff.multipliedBy(2);
        return new Verdict.Stale(problem.get());
    }

    /** Forget the back-off, e.g. after a network change when everything is re-learned anyway. */
    public void reset() {
        sendingWithoutReplySince = Optional.empty();
        quietUntil = Instant.MIN;
        backoff = settings.minBackoff();
    }

    private Optional<String> problem(Instant now, PeerState state) {
        if (sendingWithoutReplySince.isPresent()
                && !now.isBefore(sendingWithoutReplySince.get().plus(settings.rxStall()))) {
            return Optional.of(state.lastHandshake().isEmpty() ? "sending but no handshake yet"
                    : "sending for " + Duration.between(sendingWithoutReplySince.get(), now).toMillis()
                            + " ms without receiving");
        }
        boolean expectsTraffic = state.persistentKeepalive().filter(k -> !k.isZero()).isPresent();
        if (expectsTraffic && state.lastHandshake().isPresent()
                && Duration.between(state.lastHandshake().get(), now).compareTo(settings.handshakeTooOld()) > 0) {
            return Optional.of("last handshake " + Duration.between(state.lastHandshake().get(), now).toSeconds()
                    + " s ago");
        }
        return Optional.empty();
    }
}
