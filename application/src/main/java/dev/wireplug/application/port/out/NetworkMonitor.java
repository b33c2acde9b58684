package dev.wireplug.application.port.out;

import dev.wireplug.domain.network.NetworkChange;
import dev.wireplug.domain.network.NetworkSnapshot;
import java.util.function.Consumer;

/** Tells the daemon what the host's network looks like and when it changes. */
public interface NetworkMonitor extends AutoCloseable {
    NetworkSnapshot snapshot();

    /** Starts delivering (debounced) changes to the listener until {@link #close()}. */
    void start(Consumer<NetworkChange> listener);

    @Override
    void close();
}
