package dev.wireplug.domain.nat.policy;

import dev.wireplug.domain.nat.GatewayEpoch;
import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.MappingOutcome;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/** What the port-mapping policy reacts to. */
public sealed interface MappingEvent {
    /** The host has a network with a gateway: start looking for a mapping. */
    record Started(Instant now) implements MappingEvent {}

    /** A timer the policy asked for fired. */
    record Tick(Instant now) implements MappingEvent {}

    /** One method's answer to a probe of round {@code round}. */
    record ProbeAnswered(long round, MappingMethod method, MappingOutcome outcome, Instant now)
            implements MappingEvent {
        public ProbeAnswered {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** The answer to a renewal of {@code renewed}. */
    record RenewAnswered(MappingLease renewed, MappingOutcome outcome, Instant now) implements MappingEvent {}

    /** A gateway epoch seen outside a renewal (an unsolicited ANNOUNCE or address-change notice). */
    record EpochObserved(InetAddress gateway, MappingMethod method, GatewayEpoch epoch, Instant now)
            implements MappingEvent {}

    /** The public address the coordinator saw our packets come from. */
    record AddressObserved(InetAddress address) implements MappingEvent {}

    /** The result of asking the coordinator to probe the mapped port from outside. */
    record VerificationAnswered(int externalPort, boolean reached) implements MappingEvent {}

    /** The host moved to another network (new default route, new address). */
    record NetworkChanged(Instant now) implements MappingEvent {}

    /** The host is leaving the network (link going down, suspend): delete while we still can. */
    record LeftNetwork() implements MappingEvent {}

    /** The daemon is stopping. */
    record Shutdown() implements MappingEvent {}
}
