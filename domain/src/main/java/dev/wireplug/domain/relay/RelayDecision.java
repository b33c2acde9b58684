package dev.wireplug.domain.relay;

import java.util.Objects;

/** Whether the coordinator relays for a pair, and why (status and logs show the reason). */
public sealed interface RelayDecision {

    record Allocate(String reason) implements RelayDecision {
        public Allocate {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Refuse(Refusal refusal) implements RelayDecision {
        public Refuse {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    /** Why a relay was refused. */
    enum Refusal {
        /** A peer asked for a relay to itself. */
        SAME_PEER,
        /** At least one of the two does not list the other: a relay would reach someone who did not ask. */
        NOT_MUTUAL,
        /** A direct path can work and none has failed: the relay is a last resort. */
        DIRECT_PATH_POSSIBLE,
        /** Direct attempts failed, but not for long enough to give up on them. */
        DIRECT_ATTEMPTS_TOO_RECENT
    }
}
