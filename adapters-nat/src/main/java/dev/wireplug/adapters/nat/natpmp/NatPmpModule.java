package dev.wireplug.adapters.nat.natpmp;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.PortMapper;

/** Contributes the NAT-PMP mapper to the set of PortMappers. Needs a Clock. */
@Module
public final class NatPmpModule {
    private NatPmpModule() {}

    @Provides
    @IntoSet
    static PortMapper natPmpPortMapper(Clock clock) {
        return NatPmpPortMapper.standard(clock);
    }
}
