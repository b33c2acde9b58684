package dev.wireplug.adapters.wireguard;

import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.InterfaceConfigurator;
import dev.wireplug.domain.device.InterfaceSetup;

/**
 * Where no interface configurator exists yet (BSD and macOS, whose ifconfig/route adapter is still
 * to be written): every attempt fails with a message that says so and what to do instead.
 */
final class UnavailableInterfaceConfigurator implements InterfaceConfigurator {
    private final String osName;

    UnavailableInterfaceConfigurator(String osName) {
        this.osName = osName;
    }

    @Override
    public String backendName() {
        return "none for " + osName;
    }

    @Override
    public void configure(InterfaceSetup setup) throws DeviceException {
        throw new DeviceException("cannot set up interface " + setup.name() + ": no interface configurator for "
                + osName + " yet (run with --no-config and set addresses and routes yourself)");
    }
}
