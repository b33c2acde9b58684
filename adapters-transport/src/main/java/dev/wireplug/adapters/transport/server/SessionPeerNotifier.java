package dev.wireplug.adapters.transport.server;

import dev.wireplug.application.port.out.PeerNotifier;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.rendezvous.PeerView;

/** The push port over the coordinator's sessions: a PeerInfo message on the recipient's live session. */
public final class SessionPeerNotifier implements PeerNotifier {
    private final CoordinatorProtocol protocol;

    public SessionPeerNotifier(CoordinatorProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public void push(PublicKey recipient, PeerView view) {
        protocol.push(recipient, view);
    }
}
