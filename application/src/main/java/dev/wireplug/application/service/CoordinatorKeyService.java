package dev.wireplug.application.service;

import dev.wireplug.application.port.out.CoordinatorKeyProbe;
import dev.wireplug.application.port.out.KnownCoordinatorStore;
import dev.wireplug.domain.config.ConfigException;
import dev.wireplug.domain.config.KnownCoordinators;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.HostPort;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Which key to hold the coordinator to: the one pinned in the config, else the one remembered for
 * that coordinator, else the one it gives on first contact, which is then remembered (as ssh does
 * with known_hosts). A remembered key is never replaced silently: a coordinator that changed its
 * key is reported, and the user decides.
 */
public final class CoordinatorKeyService {
    /** How the key was settled, for the log line that tells the user. */
    public sealed interface Resolution {
        PublicKey key();

        record Pinned(PublicKey key) implements Resolution {}

        record Remembered(PublicKey key, String location, int line) implements Resolution {}

        record LearnedOnFirstUse(PublicKey key, String location) implements Resolution {}
    }

    /** No key could be settled; the message says why and what to do. */
    public static final class CoordinatorKeyException extends Exception {
        private static final long serialVersionUID = 1L;

        public CoordinatorKeyException(String message) {
            super(message);
        }
    }

    static final Duration ASK_TIMEOUT = Duration.ofMillis(700);
    static final int ASK_ATTEMPTS = 3;

    private final KnownCoordinatorStore store;
    private final CoordinatorKeyProbe probe;

    public CoordinatorKeyService(KnownCoordinatorStore store, CoordinatorKeyProbe probe) {
        this.store = store;
        this.probe = probe;
    }

    public Resolution resolve(HostPort name, Endpoint address, Optional<PublicKey> pinned)
            throws CoordinatorKeyException {
        if (pinned.isPresent()) {
            return new Resolution.Pinned(pinned.get());
        }
        KnownCoordinators known = read();
        Optional<KnownCoordinators.Entry> remembered = known.find(name);
        if (remembered.isPresent()) {
            return new Resolution.Remembered(remembered.get().key(), store.location(), remembered.get().line());
        }
        PublicKey learned = ask(address).orElseThrow(() -> new CoordinatorKeyException("the coordinator " + name
                + " did not say which key it holds (" + ASK_ATTEMPTS + " tries): check that wpcod runs there and"
                + " is reachable, or pin its key with CoordinatorKey = <`wpcod --print-public-key`> in [Wireplug]"));
        try {
            store.write(known.with(name, learned));
        } catch (IOException e) {
            throw new CoordinatorKeyException("cannot remember the coordinator's key in " + store.location() + ": "
                    + e.getMessage() + " (or pin it with CoordinatorKey = " + learned.toBase64() + " in [Wireplug])");
        }
        return new Resolution.LearnedOnFirstUse(learned, store.location());
    }

    /**
     * For a remembered key: asks the coordinator again and returns a warning when it now presents
     * another key (a reinstalled coordinator, or someone in between). Empty when it agrees or does
     * not answer.
     */
    public Optional<String> verifyRemembered(HostPort name, Endpoint address, Resolution.Remembered remembered) {
        return probe.ask(address, ASK_TIMEOUT).filter(now -> !now.equals(remembered.key()))
                .map(now -> "the coordinator " + name + " now presents the key " + now.toBase64() + ", not "
                        + remembered.key().toBase64() + " remembered at " + remembered.location() + ":"
                        + remembered.line() + ". Until that line is deleted (if the coordinator's key was changed"
                        + " on purpose) wireplugd keeps to the remembered key, and the coordinator cannot be used");
    }

    private KnownCoordinators read() throws CoordinatorKeyException {
        try {
            return store.read();
        } catch (ConfigException e) {
            throw new CoordinatorKeyException(e.getMessage());
        } catch (IOException e) {
            throw new CoordinatorKeyException("cannot read " + store.location() + ": " + e.getMessage());
        }
    }

    private Optional<PublicKey> ask(Endpoint address) {
        for (int attempt = 0; attempt < ASK_ATTEMPTS; attempt++) {
            Optional<PublicKey> key = probe.ask(address, ASK_TIMEOUT);
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }
}
