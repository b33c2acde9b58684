package dev.wireplug.domain.rendezvous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RendezvousTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(60);
    private static final PublicKey A = key(1);
    private static final PublicKey B = key(2);
    private static final PublicKey C = key(3);

    private final Map<PublicKey, PeerRecord> records = new HashMap<>();

    static PublicKey key(int n) {
        byte[] bytes = new byte[32];
        bytes[31] = (byte) n;
        return PublicKey.of(bytes);
    }

    static PeerRecord record(PublicKey who, String observed, Instant expires, PublicKey... wants) {
        Map<PublicKey, SealedHint> wanted = new HashMap<>();
        for (PublicKey w : wants) {
            wanted.put(w, SealedHint.of(new byte[] {who.bytes()[31], w.bytes()[31]}));
        }
        return new PeerRecord(new Announcement(who, Endpoint.parse(observed), 51820, NatKind.FIXED_MAPPING,
                Optional.empty(), wanted), expires);
    }

    private Rendezvous.Outcome announce(PeerRecord record) {
        Optional<PeerRecord> previous = Optional.ofNullable(records.get(record.announcement().announcer()));
        records.put(record.announcement().announcer(), record);
        return Rendezvous.onAnnounce(previous, record, k -> Optional.ofNullable(records.get(k)), NOW);
    }

    @Test
    void aPeerThatWantsAnotherWhoDoesNotWantItBackLearnsNothing() {
        announce(record(B, "198.18.0.2:1000", LATER));
        Rendezvous.Outcome outcome = announce(record(A, "198.18.0.1:1000", LATER, B));
        assertEquals(List.of(), outcome.reply());
        assertEquals(List.of(), outcome.pushes());
    }

    @Test
    void aPeerListedByAnotherWithoutListingItBackIsNotTold() {
        announce(record(B, "198.18.0.2:1000", LATER, A));
        Rendezvous.Outcome outcome = announce(record(A, "198.18.0.1:1000", LATER));
        assertEquals(List.of(), outcome.reply());
        assertEquals(List.of(), outcome.pushes());
    }

    @Test
    void mutualPeersGetEachOthersEndpointAndOnlyTheHintSealedForThem() {
        announce(record(B, "198.18.0.2:1000", LATER, A, C));
        Rendezvous.Outcome outcome = announce(record(A, "198.18.0.1:1000", LATER, B));
        assertEquals(1, outcome.reply().size());
        PeerView aSeesB = outcome.reply().get(0);
        assertEquals(B, aSeesB.peer());
        assertEquals(Endpoint.parse("198.18.0.2:1000"), aSeesB.observed());
        assertEquals(SealedHint.of(new byte[] {2, 1}), aSeesB.hint());
        assertEquals(List.of(new Rendezvous.Push(B, outcome.pushes().get(0).view())), outcome.pushes());
        PeerView bSeesA = outcome.pushes().get(0).view();
        assertEquals(A, bSeesA.peer());
        assertEquals(SealedHint.of(new byte[] {1, 2}), bSeesA.hint());
    }

    @Test
    void anUnchangedReannouncementPushesNothingButStillReplies() {
        announce(record(B, "198.18.0.2:1000", LATER, A));
        announce(record(A, "198.18.0.1:1000", LATER, B));
        Rendezvous.Outcome again = announce(record(A, "198.18.0.1:1000", LATER.plusSeconds(5), B));
        assertEquals(1, again.reply().size());
        assertEquals(List.of(), again.pushes());
    }

    @Test
    void aChangedEndpointIsPushedToEveryMutualPeerAndNoOneElse() {
        announce(record(B, "198.18.0.2:1000", LATER, A));
        announce(record(C, "198.18.0.3:1000", LATER));
        announce(record(A, "198.18.0.1:1000", LATER, B, C));
        Rendezvous.Outcome moved = announce(record(A, "198.18.0.9:2000", LATER, B, C));
        assertEquals(1, moved.pushes().size());
        assertEquals(B, moved.pushes().get(0).recipient());
        assertEquals(Endpoint.parse("198.18.0.9:2000"), moved.pushes().get(0).view().observed());
    }

    @Test
    void becomingMutualPushesEvenWhenTheAnnouncerDidNotMove() {
        announce(record(A, "198.18.0.1:1000", LATER));
        announce(record(B, "198.18.0.2:1000", LATER, A));
        Rendezvous.Outcome outcome = announce(record(A, "198.18.0.1:1000", LATER, B));
        assertEquals(List.of(B), outcome.pushes().stream().map(Rendezvous.Push::recipient).toList());
    }

    @Test
    void anExpiredPeerIsNeitherReportedNorPushed() {
        announce(record(B, "198.18.0.2:1000", NOW, A));
        Rendezvous.Outcome outcome = announce(record(A, "198.18.0.1:1000", LATER, B));
        assertEquals(List.of(), outcome.reply());
        assertEquals(List.of(), outcome.pushes());
    }

    @Test
    void anExpiredPreviousRecordCountsAsNoneSoThePeerIsPushedAgain() {
        announce(record(B, "198.18.0.2:1000", LATER, A));
        records.put(A, record(A, "198.18.0.1:1000", NOW, B));
        Rendezvous.Outcome outcome = announce(record(A, "198.18.0.1:1000", LATER, B));
        assertEquals(1, outcome.pushes().size());
    }

    @Test
    void mutualNeedsBothLiveAndBothListing() {
        PeerRecord a = record(A, "198.18.0.1:1000", LATER, B);
        assertTrue(Rendezvous.mutual(a, record(B, "198.18.0.2:1", LATER, A), NOW));
        assertFalse(Rendezvous.mutual(a, record(B, "198.18.0.2:1", LATER, C), NOW));
        assertFalse(Rendezvous.mutual(a, record(B, "198.18.0.2:1", NOW, A), NOW));
        assertFalse(Rendezvous.mutual(record(A, "198.18.0.1:1", NOW, B), record(B, "198.18.0.2:1", LATER, A), NOW));
    }

    @Test
    void aPeerCannotWantItselfAndHintsAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> record(A, "198.18.0.1:1", LATER, A));
        assertThrows(IllegalArgumentException.class, () -> SealedHint.of(new byte[SealedHint.MAX_LENGTH + 1]));
        assertTrue(SealedHint.of(new byte[0]).isEmpty());
    }
}
