package dev.wireplug.application.port.out;

import dev.wireplug.domain.nat.PortMapping;
import dev.wireplug.domain.net.Endpoint;
import java.util.Optional;

/** Where the port-mapping service reports to the rest of the daemon (announcements, probes). */
public interface MappingPublisher {
    /** The mapping peers may use, and the public endpoint it opens; both empty when none holds. */
    void publish(Optional<PortMapping> mapping, Optional<Endpoint> external);

    /**
     * Ask the coordinator to send a probe to {@code candidate}; the answer comes back through
     * {@code PortMappingUseCase.verificationAnswered}.
     */
    void requestVerification(Endpoint candidate);
}
