package dev.wireplug.application.port.in;

import dev.wireplug.application.status.DaemonStatus;

/** The running daemon's current view, for {@code wireplugd IFNAME status}. */
@FunctionalInterface
public interface StatusUseCase {
    DaemonStatus status();
}
