package dev.wireplug.adapters.wireguard;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.wireplug.adapters.wireguard.jna.linux.LibC;
import dev.wireplug.adapters.wireguard.jna.linux.NetlinkSocket;
import dev.wireplug.application.port.out.InterfaceConfigurator;
import dev.wireplug.application.port.out.NetworkMonitor;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.application.port.out.WireGuardInterfaceStarter;
import dev.wireplug.domain.config.WireGuardImplementation;
import dev.wireplug.domain.net.InterfaceName;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;

/**
 * Binds the WireGuard device, the interface configurator and the network monitor for the host the
 * daemon runs on. Needs, bound by the component: the {@link InterfaceName} of the device and the
 * {@link WireGuardImplementation} from the config ({@code @BindsInstance}). The adapters for other
 * platforms are behind {@link Lazy} and never built.
 */
@Module
public final class WireGuardAdaptersModule {
    static final Duration DEVICE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEBOUNCE = Duration.ofMillis(25);
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    private WireGuardAdaptersModule() {}

    private static String osName() {
        return System.getProperty("os.name", "unknown");
    }

    private static boolean linux() {
        return osName().toLowerCase(Locale.ROOT).startsWith("linux");
    }

    @Provides
    static UapiWireGuardDevice uapiDevice(InterfaceName name) {
        return new UapiWireGuardDevice(name, UapiWireGuardDevice.socketFor(name), DEVICE_TIMEOUT);
    }

    @Provides
    static NetlinkWireGuardDevice netlinkDevice(InterfaceName name, WireGuardImplementation implementation) {
        String choice = implementation == WireGuardImplementation.AUTO
                ? ", chosen by auto because there is no userspace socket " + UapiWireGuardDevice.socketFor(name)
                : "";
        return new NetlinkWireGuardDevice(name, DEVICE_TIMEOUT, WireGuardNetlinkCodec.DEFAULT_MESSAGE_SIZE, choice);
    }

    @Provides
    static WireGuardDevice wireGuardDevice(WireGuardImplementation implementation, InterfaceName name,
            Lazy<UapiWireGuardDevice> userspace, Lazy<NetlinkWireGuardDevice> kernel) {
        boolean socket = Files.exists(UapiWireGuardDevice.socketFor(name));
        return switch (BackendChoice.choose(implementation, socket, osName())) {
            case USERSPACE -> userspace.get();
            case LINUX_KERNEL -> kernel.get();
        };
    }

    /** wireguard-go from PATH; the daemon calls it only when userspace is chosen and the interface is missing. */
    @Provides
    static WireGuardInterfaceStarter interfaceStarter() {
        return new ChildProcessWireGuardInterfaceStarter("wireguard-go", Duration.ofSeconds(10));
    }

    @Provides
    static InterfaceConfigurator interfaceConfigurator() {
        if (linux()) {
            return new RtnetlinkInterfaceConfigurator(DEVICE_TIMEOUT);
        }
        return new UnavailableInterfaceConfigurator(osName());
    }

    /** rtnetlink where it can be opened (Linux, JNA loads), else JDK polling. */
    @Provides
    static NetworkMonitor networkMonitor(InterfaceName name) {
        if (linux() && rtnetlinkWorks()) {
            return new RtnetlinkNetworkMonitor(DEBOUNCE);
        }
        return new PollingNetworkMonitor(POLL_INTERVAL, name.value());
    }

    private static boolean rtnetlinkWorks() {
        try (NetlinkSocket socket = NetlinkSocket.open(LibC.NETLINK_ROUTE, 0, Duration.ofSeconds(1))) {
            return true;
        } catch (IOException | LinkageError e) {
            System.err.println("event=rtnetlink_unavailable fallback=polling error=\"" + e.getMessage() + "\"");
            return false;
        }
    }
}
