package dev.wireplug.adapters.nat.gateway;

import dagger.Module;
import dagger.Provides;
import dev.wireplug.application.port.out.GatewayFinder;

/** Binds the Linux gateway finder. Other OSes will add their own module. */
@Module
public final class GatewayModule {
    private GatewayModule() {}

    @Provides
    static GatewayFinder gatewayFinder() {
        return ProcNetGatewayFinder.standard();
    }
}
