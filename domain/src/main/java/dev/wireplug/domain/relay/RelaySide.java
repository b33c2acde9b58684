package dev.wireplug.domain.relay;

/** The two ends of a relay allocation; which peer is A is fixed when the allocation is made. */
public enum RelaySide {
    A,
    B;

    public RelaySide other() {
        return this == A ? B : A;
    }
}
