package dev.wireplug.bootstrap.client;

import dev.wireplug.adapters.store.file.FileKnownCoordinatorStore;
import dev.wireplug.adapters.transport.client.UdpCoordinatorKeyProbe;
import dev.wireplug.application.service.CoordinatorKeyService;
import dev.wireplug.application.service.CoordinatorKeyService.CoordinatorKeyException;
import dev.wireplug.application.service.CoordinatorKeyService.Resolution;
import dev.wireplug.bootstrap.client.ClientDaemon.DaemonException;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.HostPort;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;

/** Settles the coordinator's key at start-up and tells the user how it was settled. */
final class CoordinatorKeys {
    private static final System.Logger LOG = System.getLogger("wireplugd");

    private final CoordinatorKeyService service;

    CoordinatorKeys(Path knownCoordinators) {
        this.service = new CoordinatorKeyService(new FileKnownCoordinatorStore(knownCoordinators),
                new UdpCoordinatorKeyProbe());
    }

    PublicKey settle(HostPort name, Endpoint address, Optional<PublicKey> pinned) throws DaemonException {
        Resolution resolution;
        try {
            resolution = service.resolve(name, address, pinned);
        } catch (CoordinatorKeyException e) {
            throw new DaemonException(e.getMessage());
        }
        switch (resolution) {
            case Resolution.Pinned p -> { }
            case Resolution.LearnedOnFirstUse learned -> LOG.log(Level.WARNING,
                    "event=coordinator_key_learned coordinator={0} key={1} remembered_in={2} note=\"trusted on first"
                            + " use: compare it with `wpcod --print-public-key` on the coordinator, or pin it with"
                            + " CoordinatorKey in [Wireplug]\"", name, learned.key().toBase64(), learned.location());
            case Resolution.Remembered remembered -> {
                // A changed key is worth a loud line, but must not delay the start: ask in the background.
                Thread.ofVirtual().name("coordinator-key-check").start(() -> service
                        .verifyRemembered(name, address, remembered)
                        .ifPresent(warning -> LOG.log(Level.ERROR, "event=coordinator_key_changed problem=\"{0}\"", warning)));
            }
        }
        return resolution.key();
    }
}
