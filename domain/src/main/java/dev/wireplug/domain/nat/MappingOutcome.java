package dev.wireplug.domain.nat;

import java.time.Duration;
import java.util.Objects;

/**
 * What asking a gateway for a mapping gave. "Not supported" (no answer, ICMP unreachable, no such
 * service) means stop asking this gateway by this protocol; "refused" means it speaks the protocol
 * but said no, maybe with a hint of when to try again.
 */
public sealed interface MappingOutcome {
    record Granted(MappingLease lease) implements MappingOutcome {
        public Granted {
            Objects.requireNonNull(lease, "lease");
        }
    }

    record NotSupported(String reason) implements MappingOutcome {
        public NotSupported {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Refused(String reason, Duration retryAfter) implements MappingOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("negative retry hint " + retryAfter);
            }
        }
    }
}
