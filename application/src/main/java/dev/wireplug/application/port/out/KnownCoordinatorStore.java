package dev.wireplug.application.port.out;

import dev.wireplug.domain.config.ConfigException;
import dev.wireplug.domain.config.KnownCoordinators;
import java.io.IOException;

/** Where the coordinator keys learned on first use are remembered between runs. */
public interface KnownCoordinatorStore {
    /** What is remembered; empty when nothing is yet. */
    KnownCoordinators read() throws ConfigException, IOException;

    /** Replaces what is remembered, all at once (never a half-written file). */
    void write(KnownCoordinators known) throws IOException;

    /** Where it is kept, for messages that tell the user what to edit. */
    String location();
}
