package dev.wireplug.adapters.wireguard.freebsd;

import dagger.Module;
import dagger.Provides;
import dev.wireplug.adapters.wireguard.jna.freebsd.JnaRoutingSocket;
import dev.wireplug.adapters.wireguard.jna.freebsd.JnaWgIoctl;
import dev.wireplug.adapters.wireguard.bsd.InterfaceNames;
import dev.wireplug.adapters.wireguard.bsd.LanAddresses;
import dev.wireplug.adapters.wireguard.bsd.MonitorThreads;
import dev.wireplug.adapters.wireguard.bsd.PfRouteNetworkMonitor;
import dev.wireplug.adapters.wireguard.bsd.RoutingSocketLayout;
import dev.wireplug.application.port.out.NetworkMonitor;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.domain.net.InterfaceName;
import java.io.UncheckedIOException;
import java.net.SocketException;
import javax.inject.Named;

/**
 * Offers FreeBSD's if_wg as a {@link WireGuardDevice}, qualified so that a bootstrap can pick it
 * among the platform adapters (a {@code @Provides} switch over {@code Lazy<>} candidates): nothing
 * native is loaded until the device is first used.
 */
@Module
public final class FreeBsdWireGuardModule {
    public static final String MONITOR_QUALIFIER = "FreeBSD PF_ROUTE";
    public static final String QUALIFIER = FreeBsdWireGuardDevice.BACKEND;

    private FreeBsdWireGuardModule() {}

    @Provides
    @Named(QUALIFIER)
    static WireGuardDevice freeBsdWireGuardDevice(InterfaceName interfaceName) {
        return new FreeBsdWireGuardDevice(interfaceName, new JnaWgIoctl());
    }

    @Provides
    @Named(MONITOR_QUALIFIER)
    static NetworkMonitor freebsdNetworkMonitor() {
        return new PfRouteNetworkMonitor(JnaRoutingSocket::open, RoutingSocketLayout.FREEBSD, InterfaceNames::byIndex,
                MonitorThreads.daemon("pf-route-monitor"), PfRouteNetworkMonitor.DEFAULT_DEBOUNCE, System::nanoTime,
                () -> {
                    try {
                        return LanAddresses.current();
                    } catch (SocketException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
