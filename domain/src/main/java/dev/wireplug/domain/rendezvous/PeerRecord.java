package dev.wireplug.domain.rendezvous;

import java.time.Instant;
import java.util.Objects;

/** The coordinator's memory of a client's latest announcement, until it expires. */
public record PeerRecord(Announcement announcement, Instant expiresAt) {
    public PeerRecord {
        Objects.requireNonNull(announcement, "announcement");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean liveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
