package dev.wireplug.adapters.wireguard;

import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.WireGuardInterfaceStarter;
import dev.wireplug.domain.net.InterfaceName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code wireguard-go -f IFNAME} as a child process (foreground, so it is ours to stop) and
 * waits for its UAPI socket. Any implementation with the same command line works
 * (xplatform: {@code userspace-wg [-f] INTERFACE-NAME}), e.g. boringtun-cli.
 */
final class ChildProcessWireGuardInterfaceStarter implements WireGuardInterfaceStarter {
    private final String binary;
    private final Duration startTimeout;

    ChildProcessWireGuardInterfaceStarter(String binary, Duration startTimeout) {
        this.binary = binary;
        this.startTimeout = startTimeout;
    }

    @Override
    public Running start(InterfaceName name) throws DeviceException {
        Path socket = UapiWireGuardDevice.socketFor(name);
        if (Files.exists(socket)) {
            return new AlreadyRunning();
        }
        String prefix = "cannot start userspace WireGuard interface " + name + " (" + binary + "): ";
        Process process;
        try {
            process = new ProcessBuilder(binary, "-f", name.value())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new DeviceException(prefix + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + startTimeout.toNanos();
        try {
            while (!Files.exists(UapiWireGuardDevice.socketFor(name))) {
                if (!process.isAlive()) {
                    throw new DeviceException(prefix + "it exited with status " + process.exitValue()
                            + " before creating " + socket);
                }
                if (System.nanoTime() > deadline) {
                    stop(process);
                    throw new DeviceException(prefix + "no socket at " + socket + " within "
                            + startTimeout.toMillis() + " ms");
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new DeviceException(prefix + "interrupted while waiting for it", e);
        }
        return new Started(process);
    }

    private static void stop(Process process) {
        // SIGTERM: wireguard-go removes its socket and interface on the way out.
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Started(Process process) implements Running {
        @Override
        public boolean startedHere() {
            return true;
        }

        @Override
        public void close() {
            stop(process);
        }
    }

    private record AlreadyRunning() implements Running {
        @Override
        public boolean startedHere() {
            return false;
        }

        @Override
        public void close() {
            // Not ours: whoever started it stops it.
        }
    }
}
