package dev.wireplug.domain.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireplug.domain.net.Endpoint;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NatBehaviourClassifierTest {
    static final Set<Endpoint> LOCAL = Set.of(Endpoint.parse("10.0.1.2:51820"), Endpoint.parse("[2001:db8::2]:51820"));
    static final Optional<Endpoint> A = Optional.of(Endpoint.parse("198.18.0.1:51820"));
    static final Optional<Endpoint> B = Optional.of(Endpoint.parse("198.18.0.1:40001"));
    static final Optional<Endpoint> C = Optional.of(Endpoint.parse("198.18.0.1:40002"));
    static final Optional<Endpoint> NONE = Optional.empty();

    static MappingBehaviour classify(Optional<Endpoint> i, Optional<Endpoint> ii, Optional<Endpoint> iii) {
        return NatBehaviourClassifier.classify(LOCAL, i, ii, iii);
    }

    @Test
    void noAnswerIsUnknown() {
        assertEquals(MappingBehaviour.UNKNOWN, classify(NONE, NONE, NONE));
        assertEquals(MappingBehaviour.UNKNOWN, classify(NONE, A, A));
    }

    @Test
    void mappedEqualToALocalEndpointMeansNoNat() {
        assertEquals(MappingBehaviour.NO_NAT, classify(Optional.of(Endpoint.parse("10.0.1.2:51820")), NONE, NONE));
        assertEquals(MappingBehaviour.NO_NAT, classify(Optional.of(Endpoint.parse("[2001:db8::2]:51820")), B, C));
        // same address, other port: a NAT (or a firewall rewriting ports) after all
        assertEquals(MappingBehaviour.UNTESTED, classify(Optional.of(Endpoint.parse("10.0.1.2:40000")), NONE, NONE));
    }

    @Test
    void sameMappingForTheAlternateAddressIsEndpointIndependent() {
        assertEquals(MappingBehaviour.ENDPOINT_INDEPENDENT, classify(A, A, NONE));
        assertEquals(MappingBehaviour.ENDPOINT_INDEPENDENT, classify(A, A, A));
        assertEquals(MappingBehaviour.ENDPOINT_INDEPENDENT, classify(B, B, C));
    }

    @Test
    void mappingChangingOnlyWithTheAddressIsAddressDependent() {
        assertEquals(MappingBehaviour.ADDRESS_DEPENDENT, classify(A, B, B));
    }

    @Test
    void mappingChangingWithThePortIsAddressAndPortDependent() {
        assertEquals(MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT, classify(A, B, C));
        assertEquals(MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT, classify(A, B, A));
    }

    @Test
    void partialAnswersStayHonest() {
        assertEquals(MappingBehaviour.UNTESTED, classify(A, NONE, NONE));
        assertEquals(MappingBehaviour.UNTESTED, classify(A, NONE, B));
        assertEquals(MappingBehaviour.DEPENDENT_UNRESOLVED, classify(A, B, NONE));
    }

    @Test
    void everyBehaviourMapsToANatKind() {
        assertEquals(NatKind.NO_MAPPING, MappingBehaviour.NO_NAT.natKind());
        assertEquals(NatKind.FIXED_MAPPING, MappingBehaviour.ENDPOINT_INDEPENDENT.natKind());
        for (MappingBehaviour b : EnumSet.of(MappingBehaviour.ADDRESS_DEPENDENT, MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT,
                MappingBehaviour.DEPENDENT_UNRESOLVED)) {
            assertEquals(NatKind.DESTINATION_DEPENDENT, b.natKind(), b.name());
        }
        assertEquals(NatKind.UNKNOWN, MappingBehaviour.UNTESTED.natKind());
        assertEquals(NatKind.UNKNOWN, MappingBehaviour.UNKNOWN.natKind());
    }
}
