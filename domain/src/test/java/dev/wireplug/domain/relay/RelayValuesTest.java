package dev.wireplug.domain.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.IpAddresses;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelayValuesTest {

    @Test
    void aCandidateKeepsItsOwnCopyOfWhomItWants() {
        Set<dev.wireplug.domain.key.PublicKey> wants = new HashSet<>(Set.of(RelayPolicyTest.KEY_B));
        RelayCandidate candidate = new RelayCandidate(RelayPolicyTest.KEY_A, wants, IpAddresses.parse("198.18.1.1"),
                NatKind.DESTINATION_DEPENDENT, Optional.empty());
        wants.add(RelayPolicyTest.KEY_C);
        assertEquals(Set.of(RelayPolicyTest.KEY_B), candidate.wants());
        assertThrows(UnsupportedOperationException.class, () -> candidate.wants().add(RelayPolicyTest.KEY_C));
        assertEquals(new RelayPeer(RelayPolicyTest.KEY_A, IpAddresses.parse("198.18.1.1")), candidate.asRelayPeer());
    }

    @Test
    void missingPartsAreRefused() {
        assertThrows(NullPointerException.class, () -> new RelayCandidate(RelayPolicyTest.KEY_A, Set.of(), null,
                NatKind.UNKNOWN, Optional.empty()));
        assertThrows(NullPointerException.class, () -> new RelayPeer(null, IpAddresses.parse("198.18.1.1")));
        assertThrows(NullPointerException.class, () -> new RelayDecision.Allocate(null));
        assertThrows(NullPointerException.class, () -> new RelayDecision.Refuse(null));
        assertThrows(NullPointerException.class, () -> new RelayState.Ended(null));
    }

    @Test
    void idsNameAllocationsInLogs() {
        assertEquals("relay-42", new RelayAllocationId(42).toString());
        assertThrows(IllegalArgumentException.class, () -> new RelayAllocationId(-1));
    }
}
