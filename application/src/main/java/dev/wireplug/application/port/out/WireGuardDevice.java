package dev.wireplug.application.port.out;

import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;

/** One WireGuard interface, whatever the platform implements it with. */
public interface WireGuardDevice {
    /** A short name of the backend, for errors and status ("userspace UAPI", "Linux netlink"). */
    String backendName();

    DeviceState read() throws DeviceException;

    /** Applies the whole change in one request where the platform allows it. */
    void apply(DeviceChange change) throws DeviceException;
}
