package dev.wireplug.adapters.wireguard.openbsd;

import dagger.Module;
import dagger.Provides;
import dev.wireplug.adapters.wireguard.jna.openbsd.JnaRoutingSocket;
import dev.wireplug.adapters.wireguard.jna.openbsd.JnaWgIoctl;
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
 * Offers OpenBSD's wg(4) as a {@link WireGuardDevice}, qualified so that a bootstrap can pick it
 * among the platform adapters (a {@code @Provides} switch over {@code Lazy<>} candidates): nothing
 * native is loaded until the device is first used.
 */
@Module
public final class OpenBsdWireGuardModule {
    public static final String MONITOR_QUALIFIER = "OpenBSD PF_ROUTE";
    public static final String QUALIFIER = OpenBsdWireGuardDevice.BACKEND;

    private OpenBsdWireGuardModule() {}

    @Provides
    @Named(QUALIFIER)
    static WireGuardDevice openBsdWireGuardDevice(InterfaceName interfaceName) {
        return new OpenBsdWireGuardDevice(interfaceName, new JnaWgIoctl());
    }

    @Provides
    @Named(MONITOR_QUALIFIER)
    static NetworkMonitor openbsdNetworkMonitor() {
        return new PfRouteNetworkMonitor(JnaRoutingSocket::open, RoutingSocketLayout.OPENBSD, InterfaceNames::byIndex,
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
