package dev.wireplug.domain.endpoint;

import dev.wireplug.domain.hint.EndpointHint;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.IpPrefix;
import java.util.Objects;
import java.util.Optional;

/**
 * Which endpoint to give WireGuard for a peer, in order of preference: the peer's LAN address
 * when it shares our LAN (never a hairpin through the NAT), IPv6 when both sides have it, the
 * gateway mapping it holds, the address the coordinator observed when its NAT keeps one mapping
 * for every destination, the relay, and as a last try the observed address anyway.
 */
public final class EndpointChoice {

    /** The kind of path a choice uses, for status output and for {@link PathFailures}. */
    public enum Path { LAN, IPV6, MAPPED, OBSERVED, RELAY, NONE }

    /** A choice and the reason it was made, as status shows it. */
    public record Decision(EndpointHint hint, Path path, String reason) {
        public Decision {
            Objects.requireNonNull(hint, "hint");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private EndpointChoice() {}

    public static Decision choose(LocalView local, PeerView peer, PathFailures failed) {
        if (!failed.lan()) {
            Optional<Endpoint> lan = sameLanEndpoint(local, peer);
            if (lan.isPresent()) {
                return new Decision(new EndpointHint.SameLan(lan.get()), Path.LAN,
                        "same public address and an overlapping LAN");
            }
        }
        if (!failed.ipv6() && local.hasIpv6() && peer.ipv6().isPresent()) {
            return new Decision(new EndpointHint.Remote(peer.ipv6().get()), Path.IPV6, "both sides have IPv6");
        }
        if (!failed.direct()) {
            if (peer.mapped().isPresent()) {
                // Behind a hard NAT only a gateway port mapping can be announced; otherwise it is
                // usually the mapping the peer's NAT showed it through STUN.
                return new Decision(new EndpointHint.Remote(peer.mapped().get()), Path.MAPPED,
                        peer.natKind() == NatKind.DESTINATION_DEPENDENT ? "the peer's gateway maps a port for it"
                                : "the peer announced the public endpoint its NAT maps it to");
            }
            if (peer.observed().isPresent() && reachableAtObserved(peer.natKind())) {
                return new Decision(new EndpointHint.Remote(peer.observed().get()), Path.OBSERVED,
                        "the peer's NAT keeps one mapping for every destination");
            }
        }
        if (peer.relay().isPresent()) {
            return new Decision(new EndpointHint.Relayed(peer.relay().get()), Path.RELAY,
                    failed.direct() ? "direct attempts failed" : "no direct path can work");
        }
        if (peer.observed().isPresent()) {
            return new Decision(new EndpointHint.Remote(peer.observed().get()), Path.OBSERVED,
                    "nothing better known; trying the observed address");
        }
        return new Decision(new EndpointHint.Unknown(), Path.NONE, "nothing known about the peer yet");
    }

    /**
     * A relay is needed when neither side can be reached directly: both behind destination-dependent
     * NATs without a gateway mapping.
     */
    public static boolean needsRelay(LocalView local, boolean localMapped, PeerView peer) {
        return local.natKind() == NatKind.DESTINATION_DEPENDENT && !localMapped
                && peer.natKind() == NatKind.DESTINATION_DEPENDENT && peer.mapped().isEmpty();
    }

    private static boolean reachableAtObserved(NatKind kind) {
        // UNKNOWN is optimistic: a peer that has not probed yet is most often behind an ordinary NAT.
        return kind.allowsDirectFromObserved() || kind == NatKind.UNKNOWN;
    }

    private static Optional<Endpoint> sameLanEndpoint(LocalView local, PeerView peer) {
        if (local.publicAddress().isEmpty() || peer.observed().isEmpty()
                || !local.publicAddress().get().equals(peer.observed().get().address())) {
            return Optional.empty();
        }
        for (Endpoint candidate : peer.lanEndpoints()) {
            for (IpPrefix ours : local.lanPrefixes()) {
                if (ours.contains(candidate.address())
                        && peer.lanPrefixes().stream().anyMatch(theirs -> theirs.overlaps(ours))) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
