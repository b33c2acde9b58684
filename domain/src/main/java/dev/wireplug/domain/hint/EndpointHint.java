package dev.wireplug.domain.hint;

import dev.wireplug.domain.net.Endpoint;
import java.util.Objects;

/** What the coordinator (or the peer's sealed hints) says about where a peer can be reached. */
public sealed interface EndpointHint {

    /** Nothing known yet: leave the device's endpoint alone. */
    record Unknown() implements EndpointHint {}

    /** The peer shares our LAN: use its LAN address, never a hairpin through the NAT. */
    record SameLan(Endpoint lanEndpoint) implements EndpointHint {
        public SameLan {
            Objects.requireNonNull(lanEndpoint, "lanEndpoint");
        }
    }

    /** The peer is elsewhere: its public (observed or mapped) address and port. */
    record Remote(Endpoint publicEndpoint) implements EndpointHint {
        public Remote {
            Objects.requireNonNull(publicEndpoint, "publicEndpoint");
        }
    }

    /** No direct path: send to the coordinator's relay port for this pair. */
    record Relayed(Endpoint relayEndpoint) implements EndpointHint {
        public Relayed {
            Objects.requireNonNull(relayEndpoint, "relayEndpoint");
        }
    }
}
