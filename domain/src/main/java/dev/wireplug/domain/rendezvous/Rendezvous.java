package dev.wireplug.domain.rendezvous;

import dev.wireplug.domain.key.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The coordinator's one rule and its consequences. A peer's endpoint goes only to a peer that
 * both listed it and is listed by it (so neither side can learn about a key that did not ask for
 * it), and only while both records are live. When an announcement changes what a mutual peer
 * would be told, that peer is told at once instead of waiting for its next announcement.
 */
public final class Rendezvous {
    private Rendezvous() {}

    /** A push: tell {@code recipient} the new {@code view}. */
    public record Push(PublicKey recipient, PeerView view) {
        public Push {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(view, "view");
        }
    }

    /** The answer to the announcer and the pushes for the others. */
    public record Outcome(List<PeerView> reply, List<Push> pushes) {
        public Outcome {
            reply = List.copyOf(reply);
            pushes = List.copyOf(pushes);
        }
    }

    public static boolean mutual(PeerRecord a, PeerRecord b, Instant now) {
        return a.liveAt(now) && b.liveAt(now)
                && a.announcement().wants().containsKey(b.announcement().announcer())
                && b.announcement().wants().containsKey(a.announcement().announcer());
    }

    /** What {@code recipient} is told about {@code subject}: only the hint sealed for it. */
    public static PeerView viewOf(PeerRecord subject, PublicKey recipient) {
        Announcement a = subject.announcement();
        return new PeerView(a.announcer(), a.observed(), a.wireGuardPort(), a.natKind(), a.mapped(),
                a.wants().getOrDefault(recipient, SealedHint.none()), Optional.empty());
    }

    /**
     * Decides what follows a new record: the views the announcer gets of every mutual peer, and a
     * push to each mutual peer whose view of the announcer is new or changed.
     *
     * @param previous the announcer's record before this one, if any (expired counts as none)
     * @param current the announcer's new record
     * @param records looks up another key's record
     */
    public static Outcome onAnnounce(Optional<PeerRecord> previous, PeerRecord current,
            Function<PublicKey, Optional<PeerRecord>> records, Instant now) {
        PublicKey announcer = current.announcement().announcer();
        Optional<PeerRecord> before = previous.filter(p -> p.liveAt(now));
        List<PeerView> reply = new ArrayList<>();
        List<Push> pushes = new ArrayList<>();
        for (PublicKey wanted : current.announcement().wants().keySet().stream().sorted().toList()) {
            Optional<PeerRecord> other = records.apply(wanted);
            if (other.isEmpty() || !mutual(current, other.get(), now)) {
                continue;
            }
            reply.add(viewOf(other.get(), announcer));
            PeerView now_ = viewOf(current, wanted);
            boolean known = before.isPresent() && mutual(before.get(), other.get(), now)
                    && viewOf(before.get(), wanted).equals(now_);
            if (!known) {
                pushes.add(new Push(wanted, now_));
            }
        }
        return new Outcome(reply, pushes);
    }
}
