package dev.wireplug.adapters.wireguard.openbsd;

import dagger.Module;
import dagger.Provides;
import dev.wireplug.adapters.wireguard.jna.openbsd.JnaWgIoctl;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.domain.net.InterfaceName;
import javax.inject.Named;

/**
 * Offers OpenBSD's wg(4) as a {@link WireGuardDevice}, qualified so that a bootstrap can pick it
 * among the platform adapters (a {@code @Provides} switch over {@code Lazy<>} candidates): nothing
 * native is loaded until the device is first used.
 */
@Module
public final class OpenBsdWireGuardModule {
    public static final String QUALIFIER = OpenBsdWireGuardDevice.BACKEND;

    private OpenBsdWireGuardModule() {}

    @Provides
    @Named(QUALIFIER)
    static WireGuardDevice openBsdWireGuardDevice(InterfaceName interfaceName) {
        return new OpenBsdWireGuardDevice(interfaceName, new JnaWgIoctl());
    }
}
