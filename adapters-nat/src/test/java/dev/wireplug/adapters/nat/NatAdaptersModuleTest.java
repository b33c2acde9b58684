package dev.wireplug.adapters.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dagger.BindsInstance;
import dagger.Component;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.GatewayFinder;
import dev.wireplug.application.port.out.PortMapper;
import dev.wireplug.domain.nat.MappingMethod;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module as a bootstrap would use it: one mapper per method, and a gateway finder. */
class NatAdaptersModuleTest {
    @Component(modules = NatAdaptersModule.class)
    interface TestComponent {
        Set<PortMapper> portMappers();

        GatewayFinder gatewayFinder();

        @Component.Factory
        interface Factory {
            TestComponent create(@BindsInstance Clock clock);
        }
    }

    @Test
    void providesOneMapperPerMethodAndAGatewayFinder() {
        TestComponent c = DaggerNatAdaptersModuleTest_TestComponent.factory().create(() -> Instant.EPOCH);
        assertEquals(EnumSet.allOf(MappingMethod.class),
                c.portMappers().stream().map(PortMapper::method).collect(Collectors.toCollection(() -> EnumSet.noneOf(MappingMethod.class))));
        assertEquals("ProcNetGatewayFinder", c.gatewayFinder().getClass().getSimpleName());
    }
}
