package dev.wireplug.domain.nat;

import dev.wireplug.domain.net.Endpoint;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 5780 section 4.3 mapping-behaviour decision from the three Binding tests sent from one
 * socket: (I) to the primary address, (II) to the alternate IP and primary port, (III) to the
 * alternate IP and alternate port. Each argument is the mapped endpoint the test reported.
 */
public final class NatBehaviourClassifier {
    private NatBehaviourClassifier() {}

    public static MappingBehaviour classify(Set<Endpoint> localEndpoints, Optional<Endpoint> testI,
            Optional<Endpoint> testII, Optional<Endpoint> testIII) {
        if (testI.isEmpty()) {
            return MappingBehaviour.UNKNOWN;
        }
        if (localEndpoints.contains(testI.get())) {
            return MappingBehaviour.NO_NAT;
        }
        if (testII.isEmpty()) {
            return MappingBehaviour.UNTESTED;
        }
        if (testII.get().equals(testI.get())) {
            return MappingBehaviour.ENDPOINT_INDEPENDENT;
        }
        if (testIII.isEmpty()) {
            return MappingBehaviour.DEPENDENT_UNRESOLVED;
        }
        return testIII.get().equals(testII.get())
                ? MappingBehaviour.ADDRESS_DEPENDENT
                : MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT;
    }
}
