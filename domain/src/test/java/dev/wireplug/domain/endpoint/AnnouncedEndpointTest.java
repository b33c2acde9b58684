package dev.wireplug.domain.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnnouncedEndpointTest {
    private static final Optional<Endpoint> STUN = Optional.of(Endpoint.parse("198.18.1.1:40001"));
    private static final Optional<Endpoint> GATEWAY = Optional.of(Endpoint.parse("198.18.1.1:51821"));
    private static final Optional<Endpoint> NONE = Optional.empty();

    @Test
    void behindADestinationDependentNatOnlyTheGatewayMappingIsAnnounced() {
        assertEquals(GATEWAY, AnnouncedEndpoint.choose(NatKind.DESTINATION_DEPENDENT, STUN, GATEWAY));
        assertEquals(NONE, AnnouncedEndpoint.choose(NatKind.DESTINATION_DEPENDENT, STUN, NONE),
                "a STUN mapping of a hard NAT works for the STUN server only");
    }

    @Test
    void withAnUnprobedNatAGrantedMappingIsTheBestKnown() {
        assertEquals(GATEWAY, AnnouncedEndpoint.choose(NatKind.UNKNOWN, STUN, GATEWAY));
        assertEquals(NONE, AnnouncedEndpoint.choose(NatKind.UNKNOWN, STUN, NONE));
    }

    @Test
    void behindAnEndpointIndependentNatTheStunMappingWinsAndTheGatewayOneIsTheFallback() {
        assertEquals(STUN, AnnouncedEndpoint.choose(NatKind.FIXED_MAPPING, STUN, GATEWAY));
        assertEquals(GATEWAY, AnnouncedEndpoint.choose(NatKind.FIXED_MAPPING, NONE, GATEWAY));
        assertEquals(NONE, AnnouncedEndpoint.choose(NatKind.FIXED_MAPPING, NONE, NONE));
    }

    @Test
    void withAPublicAddressTheProbeIsAnnouncedAsBefore() {
        assertEquals(STUN, AnnouncedEndpoint.choose(NatKind.NO_MAPPING, STUN, GATEWAY));
        assertEquals(GATEWAY, AnnouncedEndpoint.choose(NatKind.NO_MAPPING, NONE, GATEWAY));
    }
}
