package dev.wireplug.adapters.wireguard.bsd;

import dev.wireplug.application.port.out.DeviceException;

/** The messages a BSD device gives: always the interface and the backend that was tried. */
public final class DeviceErrors {
    private DeviceErrors() {}

    public static DeviceException ioctlFailed(String interfaceName, String backend, String what, IoctlException e) {
        return new DeviceException("cannot " + what + " WireGuard interface " + interfaceName + " through the "
                + backend + ": " + BsdErrno.describe(e.errno()), e);
    }

    public static DeviceException badReply(String interfaceName, String backend, WgCodecException e) {
        return new DeviceException("WireGuard interface " + interfaceName + " answered the " + backend
                + " with data that does not parse: " + e.getMessage(), e);
    }

    public static DeviceException unrepresentable(String interfaceName, String backend, String why) {
        return new DeviceException("cannot apply the change to WireGuard interface " + interfaceName + " through the "
                + backend + ": " + why);
    }
}
