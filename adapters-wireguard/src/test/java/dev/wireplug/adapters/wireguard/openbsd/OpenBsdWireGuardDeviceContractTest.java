package dev.wireplug.adapters.wireguard.openbsd;

import dev.wireplug.adapters.wireguard.bsd.BsdWireGuardDeviceContract;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.domain.net.InterfaceName;

class OpenBsdWireGuardDeviceContractTest extends BsdWireGuardDeviceContract {
    private final SimulatedOpenBsdKernel kernel = new SimulatedOpenBsdKernel("wg5");

    @Override
    protected WireGuardDevice device() {
        return new OpenBsdWireGuardDevice(new InterfaceName("wg5"), kernel);
    }

    @Override
    protected WireGuardDevice missingDevice() {
        return new OpenBsdWireGuardDevice(new InterfaceName("wg6"), kernel);
    }
}
