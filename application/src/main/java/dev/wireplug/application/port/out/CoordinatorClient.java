package dev.wireplug.application.port.out;

import dev.wireplug.domain.hint.EndpointHint;
import dev.wireplug.domain.key.PublicKey;
import java.util.List;
import java.util.function.BiConsumer;

/** The daemon's link to the coordinator: announce ourselves, hear where our peers are. */
public interface CoordinatorClient extends AutoCloseable {
    /** Starts the session; hints for peers arrive at the listener whenever they change. */
    void start(BiConsumer<PublicKey, EndpointHint> listener);

    /** Tells the coordinator which peers we want and on which WireGuard port we listen. */
    void announce(int wireGuardPort, List<PublicKey> wantedPeers);

    @Override
    void close();
}
