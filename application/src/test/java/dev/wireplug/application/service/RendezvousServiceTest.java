package dev.wireplug.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.rendezvous.Announcement;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RendezvousServiceTest {
    private static final Duration TTL = Duration.ofSeconds(90);
    private static final PublicKey A = key(1);
    private static final PublicKey B = key(2);

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final MapRendezvousStore store = new MapRendezvousStore();
    private final List<String> pushes = new ArrayList<>();
    private final RendezvousService service = new RendezvousService(store,
            (recipient, view) -> pushes.add(recipient.bytes()[0] + "<-" + view.peer().bytes()[0] + "@" + view.observed()),
            () -> now, TTL);

    static PublicKey key(int n) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) n;
        return PublicKey.of(bytes);
    }

    static Announcement announcement(PublicKey who, String observed, PublicKey... wants) {
        Map<PublicKey, SealedHint> wanted = new HashMap<>();
        for (PublicKey w : wants) {
            wanted.put(w, SealedHint.none());
        }
        return new Announcement(who, Endpoint.parse(observed), 51820, NatKind.UNKNOWN, Optional.empty(), wanted);
    }

    @Test
    void twoPeersThatListEachOtherFindEachOther() {
        assertEquals(List.of(), service.announce(announcement(B, "198.18.0.2:1000", A)));
        List<PeerView> reply = service.announce(announcement(A, "198.18.0.1:1000", B));
        assertEquals(List.of(B), reply.stream().map(PeerView::peer).toList());
        assertEquals(List.of("2<-1@198.18.0.1:1000"), pushes);
    }

    @Test
    void recordsExpireAfterTheTtlWithoutSignOfLife() {
        service.announce(announcement(B, "198.18.0.2:1000", A));
        now = now.plus(TTL);
        assertEquals(List.of(), service.announce(announcement(A, "198.18.0.1:1000", B)));
        assertEquals(1, service.expire());
        assertTrue(store.get(B).isEmpty());
    }

    @Test
    void seenExtendsTheRecordSoItOutlivesTheTtl() {
        service.announce(announcement(B, "198.18.0.2:1000", A));
        now = now.plusSeconds(60);
        assertTrue(service.seen(B, Endpoint.parse("198.18.0.2:1000")));
        now = now.plusSeconds(60);
        assertEquals(1, service.announce(announcement(A, "198.18.0.1:1000", B)).size());
        assertEquals(0, service.expire());
    }

    @Test
    void seenFromANewAddressPushesTheNewEndpointToMutualPeers() {
        service.announce(announcement(B, "198.18.0.2:1000", A));
        service.announce(announcement(A, "198.18.0.1:1000", B));
        pushes.clear();
        assertTrue(service.seen(A, Endpoint.parse("198.18.0.7:3000")));
        assertEquals(List.of("2<-1@198.18.0.7:3000"), pushes);
        assertEquals(Endpoint.parse("198.18.0.7:3000"), store.get(A).orElseThrow().announcement().observed());
    }

    @Test
    void seenWithoutALiveRecordAsksForAnAnnouncement() {
        assertFalse(service.seen(A, Endpoint.parse("198.18.0.1:1000")));
        service.announce(announcement(A, "198.18.0.1:1000"));
        now = now.plus(TTL);
        assertFalse(service.seen(A, Endpoint.parse("198.18.0.1:1000")));
    }
}
