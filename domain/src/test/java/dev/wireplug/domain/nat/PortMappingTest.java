package dev.wireplug.domain.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortMappingTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void renewsAtHalfTheLifetimeAndExpiresAtTheEnd() {
        PortMapping mapping = new PortMapping(MappingMethod.PCP, 51820, Optional.empty(), 40000, T0,
                Duration.ofSeconds(7200));
        assertEquals(T0.plusSeconds(3600), mapping.renewAt());
        assertEquals(T0.plusSeconds(7200), mapping.expiresAt());
        assertFalse(mapping.isExpiredAt(T0.plusSeconds(7199)));
        assertTrue(mapping.isExpiredAt(T0.plusSeconds(7200)));
    }

    @Test
    void rejectsImpossibleMappings() {
        assertThrows(IllegalArgumentException.class, () -> new PortMapping(MappingMethod.UPNP, 51820,
                Optional.empty(), 0, T0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new PortMapping(MappingMethod.UPNP, 51820,
                Optional.empty(), 1, T0, Duration.ZERO));
    }

    @Test
    void methodsParseFromTheirConfigNames() {
        assertEquals(MappingMethod.NATPMP, MappingMethod.parse(" NatPmp "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MappingMethod.parse("igd"));
        assertTrue(e.getMessage().contains("pcp, natpmp, upnp"), e.getMessage());
    }

    @Test
    void onlyPredictableMappingsAllowDirectConnectionsToTheObservedAddress() {
        assertTrue(NatKind.NO_MAPPING.allowsDirectFromObserved());
        assertTrue(NatKind.FIXED_MAPPING.allowsDirectFromObserved());
        assertFalse(NatKind.DESTINATION_DEPENDENT.allowsDirectFromObserved());
        assertFalse(NatKind.UNKNOWN.allowsDirectFromObserved());
    }
}
