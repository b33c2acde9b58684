package dev.wireplug.adapters.wireguard.freebsd;

import dagger.Module;
import dagger.Provides;
import dev.wireplug.adapters.wireguard.jna.freebsd.JnaWgIoctl;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.domain.net.InterfaceName;
import javax.inject.Named;

/**
 * Offers FreeBSD's if_wg as a {@link WireGuardDevice}, qualified so that a bootstrap can pick it
 * among the platform adapters (a {@code @Provides} switch over {@code Lazy<>} candidates): nothing
 * native is loaded until the device is first used.
 */
@Module
public final class FreeBsdWireGuardModule {
    public static final String QUALIFIER = FreeBsdWireGuardDevice.BACKEND;

    private FreeBsdWireGuardModule() {}

    @Provides
    @Named(QUALIFIER)
    static WireGuardDevice freeBsdWireGuardDevice(InterfaceName interfaceName) {
        return new FreeBsdWireGuardDevice(interfaceName, new JnaWgIoctl());
    }
}
