package dev.wireplug.application.port.out;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.rendezvous.PeerView;

/** Tells a connected client, unasked, that one of its peers changed. */
@FunctionalInterface
public interface PeerNotifier {
    /** Best effort: a recipient without a live session simply learns it at its next announcement. */
    void push(PublicKey recipient, PeerView view);
}
