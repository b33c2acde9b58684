package dev.wireplug.adapters.transport.wire;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.Ports;
import dev.wireplug.domain.endpoint.DirectPathReport;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What rides inside the Noise messages (docs/protocol.md, "Payloads"). */
public sealed interface Payload {

    /** One wanted peer and the hint sealed for it (maybe empty). */
    record WantedPeer(PublicKey key, SealedHint hint) {
        public WantedPeer {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(hint, "hint");
        }
    }

    /**
     * The client's announcement. {@code append} adds the wanted peers to those of the previous
     * announcement in this session (a list too long for one datagram is split); otherwise the list
     * replaces it. The coordinator acknowledges {@code sequence}.
     */
    record Announce(int sequence, int wireGuardPort, NatKind natKind, Optional<Endpoint> mapped,
            boolean append, List<WantedPeer> wants) implements Payload {
        public Announce {
            Ports.check(wireGuardPort);
            Objects.requireNonNull(natKind, "natKind");
            Objects.requireNonNull(mapped, "mapped");
            wants = List.copyOf(wants);
            if (wants.size() > 255) {
                throw new IllegalArgumentException("at most 255 wanted peers per message");
            }
        }
    }

    /** Handshake initiation payload: when it was made (replay protection) and the first announcement. */
    record Hello(Tai64n timestamp, Announce announce) implements Payload {
        public Hello {
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(announce, "announce");
        }
    }

    /** Handshake response payload: where the coordinator sees the client, and its timers. */
    record Welcome(Endpoint observed, int keepaliveSeconds, int recordTtlSeconds) implements Payload {
        public Welcome {
            Objects.requireNonNull(observed, "observed");
            if (keepaliveSeconds < 1 || keepaliveSeconds > 0xffff || recordTtlSeconds < 1 || recordTtlSeconds > 0xffff) {
                throw new IllegalArgumentException("timers are 1-65535 seconds");
            }
        }
    }

    /** The coordinator took announcement {@code sequence}; {@code peers} PeerInfo messages follow. */
    record AnnounceAck(int sequence, int peers) implements Payload {
        public AnnounceAck {
            if (peers < 0 || peers > 0xffff) {
                throw new IllegalArgumentException("peer count out of range");
            }
        }
    }

    /** One mutual peer: in answer to an announcement, or pushed when it changed. */
    record PeerInfo(PeerView view) implements Payload {
        public PeerInfo {
            Objects.requireNonNull(view, "view");
        }
    }

    /** A mutual peer changed: sent unasked, retransmitted until the client acknowledges {@code id}. */
    record Push(int id, PeerView view) implements Payload {
        public Push {
            Objects.requireNonNull(view, "view");
        }
    }

    /** The client got push {@code id}. */
    record PushAck(int id) implements Payload {}

    /**
     * The client's word on its direct path to a mutual peer: failing (a relay may be granted) or
     * working (the relay can be released). Repeated while it holds; never answered.
     */
    record PathReport(PublicKey peer, DirectPathReport report) implements Payload {
        public PathReport {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(report, "report");
        }
    }

    /** Keeps the session and the NAT mapping alive; the coordinator echoes it. */
    record Keepalive() implements Payload {}

    /**
     * The coordinator asks: "do you really receive at the address this came from?" Sent when an
     * authenticated message arrives from a new address; the client echoes the data.
     */
    record PathChallenge(long data) implements Payload {}

    /** The client's echo of a {@link PathChallenge}, proving it receives at its new address. */
    record PathResponse(long data) implements Payload {}

    /** Something the other side should know went wrong. */
    record Error(int code, String text) implements Payload {
        public static final int BAD_MESSAGE = 1;
        public static final int NOT_ANNOUNCED = 2;
        public static final int TOO_MANY = 3;
        public static final int MAX_TEXT_BYTES = 200;

        public Error {
            if (code < 0 || code > 0xffff) {
                throw new IllegalArgumentException("error code out of range");
            }
            Objects.requireNonNull(text, "text");
        }
    }
}
