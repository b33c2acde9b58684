package dev.wireplug.domain.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpAddresses;
import dev.wireplug.domain.relay.RelayDecision.Allocate;
import dev.wireplug.domain.relay.RelayDecision.Refuse;
import dev.wireplug.domain.relay.RelayDecision.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RelayPolicyTest {
    static final PublicKey KEY_A = key(1);
    static final PublicKey KEY_B = key(2);
    static final PublicKey KEY_C = key(3);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final RelayPolicy POLICY = new RelayPolicy(Duration.ofSeconds(2));
    private static final Optional<Endpoint> MAPPING = Optional.of(Endpoint.parse("198.18.2.1:40000"));

    static PublicKey key(int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return PublicKey.of(bytes);
    }

    private static RelayCandidate hard(PublicKey key, PublicKey... wants) {
        return new RelayCandidate(key, Set.of(wants), IpAddresses.parse("198.18.1." + (key.bytes()[0] & 0xff)),
                NatKind.DESTINATION_DEPENDENT, Optional.empty());
    }

    private static RelayCandidate with(RelayCandidate c, NatKind kind, Optional<Endpoint> mapping) {
        return new RelayCandidate(c.key(), c.wants(), c.publicAddress(), kind, mapping);
    }

    private static RelayDecision decide(RelayCandidate a, RelayCandidate b, Optional<Instant> failingSince) {
        return POLICY.decide(new RelayRequest(a, b, failingSince), NOW);
    }

    @Test
    void twoHardNatsWithoutMappingGetARelayAtOnce() {
        RelayDecision d = decide(hard(KEY_A, KEY_B), hard(KEY_B, KEY_A), Optional.empty());
        assertInstanceOf(Allocate.class, d);
    }

    @Test
    void aPeerCannotAskForARelayToItself() {
        assertEquals(new Refuse(Refusal.SAME_PEER), decide(hard(KEY_A, KEY_A), hard(KEY_A, KEY_A), Optional.empty()));
    }

    @Test
    void onlyMutualPairsAreRelayed() {
        assertEquals(new Refuse(Refusal.NOT_MUTUAL), decide(hard(KEY_A, KEY_B), hard(KEY_B, KEY_C), Optional.empty()));
        assertEquals(new Refuse(Refusal.NOT_MUTUAL), decide(hard(KEY_A, KEY_C), hard(KEY_B, KEY_A), Optional.empty()));
        assertEquals(new Refuse(Refusal.NOT_MUTUAL), decide(hard(KEY_A), hard(KEY_B), Optional.empty()));
    }

    @Test
    void notMutualWinsEvenWhenDirectAttemptsFailedLongAgo() {
        assertEquals(new Refuse(Refusal.NOT_MUTUAL),
                decide(hard(KEY_A, KEY_B), hard(KEY_B), Optional.of(NOW.minusSeconds(60))));
    }

    @Test
    void aMappingOnEitherSideMeansADirectPathCanWork() {
        RelayCandidate a = hard(KEY_A, KEY_B);
        RelayCandidate b = hard(KEY_B, KEY_A);
        assertEquals(new Refuse(Refusal.DIRECT_PATH_POSSIBLE),
                decide(with(a, NatKind.DESTINATION_DEPENDENT, MAPPING), b, Optional.empty()));
        assertEquals(new Refuse(Refusal.DIRECT_PATH_POSSIBLE),
                decide(a, with(b, NatKind.DESTINATION_DEPENDENT, MAPPING), Optional.empty()));
    }

    @ParameterizedTest
    @EnumSource(value = NatKind.class, names = "DESTINATION_DEPENDENT", mode = EnumSource.Mode.EXCLUDE)
    void anyOtherNatKindOnEitherSideMeansADirectPathCanWork(NatKind kind) {
        RelayCandidate a = hard(KEY_A, KEY_B);
        RelayCandidate b = hard(KEY_B, KEY_A);
        assertEquals(new Refuse(Refusal.DIRECT_PATH_POSSIBLE), decide(with(a, kind, Optional.empty()), b, Optional.empty()));
        assertEquals(new Refuse(Refusal.DIRECT_PATH_POSSIBLE), decide(a, with(b, kind, Optional.empty()), Optional.empty()));
    }

    @Test
    void directAttemptsFailingForLessThanTheGraceAreGivenMoreTime() {
        RelayCandidate a = with(hard(KEY_A, KEY_B), NatKind.FIXED_MAPPING, Optional.empty());
        assertEquals(new Refuse(Refusal.DIRECT_ATTEMPTS_TOO_RECENT),
                decide(a, hard(KEY_B, KEY_A), Optional.of(NOW.minusMillis(1999))));
        assertEquals(new Refuse(Refusal.DIRECT_ATTEMPTS_TOO_RECENT),
                decide(a, hard(KEY_B, KEY_A), Optional.of(NOW.plusSeconds(1))), "a report from the future is recent");
    }

    @Test
    void directAttemptsFailingForTheGraceOrLongerGetARelay() {
        RelayCandidate a = with(hard(KEY_A, KEY_B), NatKind.FIXED_MAPPING, MAPPING);
        RelayCandidate b = with(hard(KEY_B, KEY_A), NatKind.NO_MAPPING, Optional.empty());
        RelayDecision exactly = decide(a, b, Optional.of(NOW.minusSeconds(2)));
        assertEquals(new Allocate("direct attempts failed for 2000 ms"), exactly);
        assertInstanceOf(Allocate.class, decide(a, b, Optional.of(NOW.minusSeconds(30))));
    }

    @Test
    void aZeroGraceRelaysOnTheFirstFailure() {
        RelayPolicy eager = new RelayPolicy(Duration.ZERO);
        RelayCandidate a = with(hard(KEY_A, KEY_B), NatKind.UNKNOWN, Optional.empty());
        assertInstanceOf(Allocate.class,
                eager.decide(new RelayRequest(a, hard(KEY_B, KEY_A), Optional.of(NOW)), NOW));
    }

    @Test
    void aNegativeGraceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RelayPolicy(Duration.ofSeconds(-1)));
    }

    @Test
    void aHeldAllocationIsKeptWhileMutualEvenWhenADirectPathLooksPossible() {
        RelayCandidate a = with(hard(KEY_A, KEY_B), NatKind.NO_MAPPING, Optional.empty());
        RelayCandidate b = hard(KEY_B, KEY_A);
        RelayRequest request = new RelayRequest(a, b, Optional.empty());
        assertEquals(new Refuse(Refusal.DIRECT_PATH_POSSIBLE), POLICY.decide(request, NOW, false));
        assertInstanceOf(Allocate.class, POLICY.decide(request, NOW, true));
    }

    @Test
    void aHeldAllocationStillNeedsAMutualPairOfTwo() {
        assertEquals(new Refuse(Refusal.NOT_MUTUAL),
                POLICY.decide(new RelayRequest(hard(KEY_A, KEY_B), hard(KEY_B), Optional.empty()), NOW, true));
        assertEquals(new Refuse(Refusal.SAME_PEER),
                POLICY.decide(new RelayRequest(hard(KEY_A, KEY_A), hard(KEY_A, KEY_A), Optional.empty()), NOW, true));
    }
}
