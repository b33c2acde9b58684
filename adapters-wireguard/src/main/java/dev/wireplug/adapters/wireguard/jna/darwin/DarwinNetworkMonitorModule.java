package dev.wireplug.adapters.wireguard.jna.darwin;

import dagger.Module;
import dagger.Provides;
import dev.wireplug.adapters.wireguard.bsd.InterfaceNames;
import dev.wireplug.adapters.wireguard.bsd.LanAddresses;
import dev.wireplug.adapters.wireguard.bsd.MonitorThreads;
import dev.wireplug.adapters.wireguard.bsd.PfRouteNetworkMonitor;
import dev.wireplug.adapters.wireguard.bsd.RoutingSocketLayout;
import dev.wireplug.application.port.out.NetworkMonitor;
import java.io.UncheckedIOException;
import java.net.SocketException;
import javax.inject.Named;

/**
 * macOS's network monitor: the PF_ROUTE socket with macOS's message layouts. (macOS's WireGuard
 * device is wireguard-go behind the UAPI adapter.) The module sits with the bindings because the
 * shared bsd package, which the bindings depend on, cannot depend on them in turn.
 */
@Module
public final class DarwinNetworkMonitorModule {
    public static final String MONITOR_QUALIFIER = "macOS PF_ROUTE";

    private DarwinNetworkMonitorModule() {}

    @Provides
    @Named(MONITOR_QUALIFIER)
    static NetworkMonitor darwinNetworkMonitor() {
        return new PfRouteNetworkMonitor(JnaRoutingSocket::open, RoutingSocketLayout.DARWIN, InterfaceNames::byIndex,
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
