package dev.wireplug.adapters.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dagger.BindsInstance;
import dagger.Component;
import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.InterfaceConfigurator;
import dev.wireplug.application.port.out.NetworkMonitor;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.domain.config.WireGuardImplementation;
import dev.wireplug.domain.net.InterfaceName;
import org.junit.jupiter.api.Test;

class WireGuardAdaptersModuleTest {
    /** The smallest component a bootstrap would declare around the module. */
    @Component(modules = WireGuardAdaptersModule.class)
    interface TestComponent {
        WireGuardDevice device();

        InterfaceConfigurator configurator();

        NetworkMonitor monitor();

        @Component.Factory
        interface Factory {
            TestComponent create(@BindsInstance InterfaceName name, @BindsInstance WireGuardImplementation implementation);
        }
    }

    @Test
    void autoTakesTheSocketWhenItExistsElseTheKernelOnLinux() {
        assertEquals(BackendChoice.USERSPACE, BackendChoice.choose(WireGuardImplementation.AUTO, true, "Linux"));
        assertEquals(BackendChoice.LINUX_KERNEL, BackendChoice.choose(WireGuardImplementation.AUTO, false, "Linux"));
        assertEquals(BackendChoice.USERSPACE, BackendChoice.choose(WireGuardImplementation.AUTO, false, "Mac OS X"));
        assertEquals(BackendChoice.USERSPACE, BackendChoice.choose(WireGuardImplementation.AUTO, true, "OpenBSD"));
    }

    @Test
    void explicitChoicesAreHonouredOrRefusedClearly() {
        assertEquals(BackendChoice.USERSPACE, BackendChoice.choose(WireGuardImplementation.USERSPACE, false, "Linux"));
        assertEquals(BackendChoice.LINUX_KERNEL, BackendChoice.choose(WireGuardImplementation.KERNEL, true, "Linux"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BackendChoice.choose(WireGuardImplementation.KERNEL, false, "FreeBSD"));
        assertTrue(e.getMessage().contains("FreeBSD"), e.getMessage());
    }

    @Test
    void theComponentWiresTheLinuxAdapters() throws Exception {
        TestComponent linux = DaggerWireGuardAdaptersModuleTest_TestComponent.factory()
                .create(new InterfaceName("wgt-none7"), WireGuardImplementation.AUTO);
        // No socket for this name and this is Linux: auto means the kernel.
        assertInstanceOf(NetlinkWireGuardDevice.class, linux.device());
        DeviceException kernel = assertThrows(DeviceException.class, linux.device()::read);
        assertTrue(kernel.getMessage().contains("Linux kernel netlink")
                && kernel.getMessage().contains("no userspace socket /var/run/wireguard/wgt-none7.sock"),
                "auto names both backends it tried: " + kernel.getMessage());
        assertInstanceOf(RtnetlinkInterfaceConfigurator.class, linux.configurator());
        try (NetworkMonitor monitor = linux.monitor()) {
            assertInstanceOf(RtnetlinkNetworkMonitor.class, monitor);
        }
        WireGuardDevice userspace = DaggerWireGuardAdaptersModuleTest_TestComponent.factory()
                .create(new InterfaceName("wgt-none7"), WireGuardImplementation.USERSPACE).device();
        DeviceException e = assertThrows(DeviceException.class, userspace::read);
        assertTrue(e.getMessage().contains("wgt-none7") && e.getMessage().contains("userspace UAPI"), e.getMessage());
    }
}
