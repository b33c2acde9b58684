package dev.wireplug.application.port.out;

import dev.wireplug.domain.net.InterfaceName;

/**
 * Brings a userspace WireGuard interface into existence when the daemon is told to use userspace
 * and the interface is not there yet; stopping it again is the daemon's job on exit.
 */
public interface WireGuardInterfaceStarter {
    /**
     * Starts the implementation for the interface and returns once its configuration socket
     * answers. When the interface already runs, returns a handle that leaves it running on close.
     */
    Running start(InterfaceName name) throws DeviceException;

    /** An interface this starter runs; closing stops it (and removes the interface). */
    interface Running extends AutoCloseable {
        /** False when the interface was already there and closing leaves it alone. */
        boolean startedHere();

        @Override
        void close();
    }
}
