package dev.wireplug.domain.endpoint;

import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Picks WireGuard's listen port per network: a fresh random port on a network we have not just
 * been on (so several hosts behind one NAT do not fight over the same external port, and a NAT's
 * stale mapping for the old port cannot capture us), the same port when returning to the network
 * we were on before (its NAT may still hold our mapping). A port set in the config always wins.
 */
public final class ListenPortChoice {
    /** The dynamic range of RFC 6335, where no service will be listening. */
    public static final int LOWEST = 49152;
    public static final int HIGHEST = 65535;

    /** A network, identified by what distinguishes it: the gateway and our address on it. */
    public record NetworkIdentity(String gateway, String localAddress) {
        public NetworkIdentity {
            Objects.requireNonNull(gateway);
            Objects.requireNonNull(localAddress);
        }
    }

    private final Optional<Integer> configured;
    private final IntSupplier random;
    private Optional<NetworkIdentity> current = Optional.empty();
    private int currentPort;
    private Optional<NetworkIdentity> previous = Optional.empty();
    private int previousPort;

    /** @param random yields any int; it is folded into the dynamic range here */
    public ListenPortChoice(Optional<Integer> configured, IntSupplier random) {
        this.configured = Objects.requireNonNull(configured);
        this.random = Objects.requireNonNull(random);
    }

    public int portFor(NetworkIdentity network) {
        if (configured.isPresent()) {
            return configured.get();
        }
        if (current.isPresent() && current.get().equals(network)) {
            return currentPort;
        }
        int port;
        if (previous.isPresent() && previous.get().equals(network)) {
            port = previousPort;
        } else {
            port = fresh();
        }
        previous = current;
        previousPort = currentPort;
        current = Optional.of(network);
        currentPort = port;
        return port;
    }

    private int fresh() {
        int span = HIGHEST - LOWEST + 1;
        int port;
        do {
            port = LOWEST + Math.floorMod(random.getAsInt(), span);
        } while (port == currentPort);
        return port;
    }
}
