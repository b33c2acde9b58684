package dev.wireplug.domain.nat.policy;

import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.PortMapping;
import dev.wireplug.domain.net.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the policy asks its driver to do. */
public sealed interface MappingAction {
    /** Ask every listed method at once; answers come back as {@link MappingEvent.ProbeAnswered}. */
    record Probe(long round, List<MappingMethod> methods, Duration lifetime) implements MappingAction {
        public Probe {
            methods = List.copyOf(methods);
        }
    }

    record Renew(MappingLease lease, Duration lifetime) implements MappingAction {}

    record Delete(MappingLease lease) implements MappingAction {}

    /** Deliver a {@link MappingEvent.Tick} at this time (replaces any earlier request). */
    record ScheduleTick(Instant at) implements MappingAction {}

    /**
     * Tell peers (through the coordinator) where the mapping can be reached, or that it no longer
     * can ({@code external} empty).
     */
    record Publish(Optional<PortMapping> mapping, Optional<Endpoint> external) implements MappingAction {}

    /** Ask the coordinator to send a probe to this endpoint; answer with VerificationAnswered. */
    record Verify(Endpoint candidate) implements MappingAction {}
}
