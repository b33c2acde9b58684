package dev.wireplug.adapters.wireguard.freebsd;

import dev.wireplug.adapters.wireguard.bsd.BsdWireGuardDeviceContract;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.domain.net.InterfaceName;

class FreeBsdWireGuardDeviceContractTest extends BsdWireGuardDeviceContract {
    private final SimulatedFreeBsdKernel kernel = new SimulatedFreeBsdKernel("wg5");

    @Override
    protected WireGuardDevice device() {
        return new FreeBsdWireGuardDevice(new InterfaceName("wg5"), kernel);
    }

    @Override
    protected WireGuardDevice missingDevice() {
        return new FreeBsdWireGuardDevice(new InterfaceName("wg6"), kernel);
    }
}
