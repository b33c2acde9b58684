package dev.wireplug.application.port.out;

import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.util.List;
import java.util.Optional;

/**
 * Seals hints (LAN endpoints) for one peer with a key only that peer and we can derive from our
 * two WireGuard keys; the coordinator forwards the bytes without being able to read them.
 */
public interface HintSealer {
    /** At most {@link #MAX_ENDPOINTS} endpoints fit a sealed hint. */
    int MAX_ENDPOINTS = 8;

    SealedHint seal(PrivateKey own, PublicKey peer, List<Endpoint> lanEndpoints);

    /** The endpoints {@code peer} sealed for us; empty when the hint is empty or does not authenticate. */
    Optional<List<Endpoint>> open(PrivateKey own, PublicKey peer, SealedHint hint);
}
