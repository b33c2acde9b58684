package dev.wireplug.domain.rendezvous;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.Ports;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an authenticated client told the coordinator, with the address the coordinator saw it
 * from. {@code announcer} is the key the transport authenticated, never a field the client typed,
 * so one key can only ever speak for itself.
 *
 * @param observed where the coordinator saw the client's session come from
 * @param wireGuardPort the port WireGuard listens on at the client
 * @param mapped the public endpoint a STUN probe from the WireGuard port gave, when known
 * @param wants the peers it wants to reach, each with the hint sealed for that peer (maybe none)
 */
public record Announcement(
        PublicKey announcer,
        Endpoint observed,
        int wireGuardPort,
        NatKind natKind,
        Optional<Endpoint> mapped,
        Map<PublicKey, SealedHint> wants) {

    /** Bounds the coordinator's memory per client; a few hundred peers is already a big mesh. */
    public static final int MAX_WANTS = 1024;

    public Announcement {
        Objects.requireNonNull(announcer, "announcer");
        Objects.requireNonNull(observed, "observed");
        Ports.check(wireGuardPort);
        Objects.requireNonNull(natKind, "natKind");
        Objects.requireNonNull(mapped, "mapped");
        wants = Map.copyOf(wants);
        if (wants.size() > MAX_WANTS) {
            throw new IllegalArgumentException("at most " + MAX_WANTS + " wanted peers, got " + wants.size());
        }
        if (wants.containsKey(announcer)) {
            throw new IllegalArgumentException("a peer cannot want itself");
        }
    }
}
