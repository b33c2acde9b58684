package dev.wireplug.adapters.nat.pcp;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.PortMapper;
import java.security.SecureRandom;

/** Contributes the PCP mapper to the set of PortMappers. Needs a Clock. */
@Module
public final class PcpModule {
    private PcpModule() {}

    @Provides
    @IntoSet
    static PortMapper pcpPortMapper(Clock clock) {
        return PcpPortMapper.standard(clock, new SecureRandom());
    }
}
