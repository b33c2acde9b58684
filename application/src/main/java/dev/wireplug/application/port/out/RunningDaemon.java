package dev.wireplug.application.port.out;

import dev.wireplug.application.status.StatusFormatKind;
import java.io.IOException;

/** The wireplugd instance running for one interface, as seen from another process (the CLI). */
public interface RunningDaemon {
    /** The daemon's status, rendered by the daemon; fails when no daemon runs for the interface. */
    String status(StatusFormatKind format) throws IOException;
}
