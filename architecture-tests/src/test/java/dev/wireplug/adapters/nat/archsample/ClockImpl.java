package dev.wireplug.adapters.nat.archsample;

/** A sample implementation of a port, for the naming rule. */
public final class ClockImpl implements dev.wireplug.application.port.out.Clock {
    @Override
    public java.time.Instant now() {
        return java.time.Instant.EPOCH;
    }
}
