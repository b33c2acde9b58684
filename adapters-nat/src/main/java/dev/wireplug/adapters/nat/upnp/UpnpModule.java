package dev.wireplug.adapters.nat.upnp;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.PortMapper;

/** Contributes the UPnP IGD mapper to the set of PortMappers. Needs a Clock. */
@Module
public final class UpnpModule {
    private UpnpModule() {}

    @Provides
    @IntoSet
    static PortMapper upnpPortMapper(Clock clock) {
        return new UpnpPortMapper(clock, UpnpPortMapper.Settings.standard());
    }
}
