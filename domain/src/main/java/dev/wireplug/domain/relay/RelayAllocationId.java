package dev.wireplug.domain.relay;

/** Names one allocation in logs, status and the data plane (nftables rule comments). */
public record RelayAllocationId(long value) {
    public RelayAllocationId {
        if (value <= 0) {
            throw new IllegalArgumentException("a relay allocation id is positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return "relay-" + value;
    }
}
