package dev.wireplug.domain.config;

import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.net.IpPrefix;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/** The {@code [Interface]} section. Without a ListenPort the daemon picks one per network. */
public record InterfaceSettings(
        PrivateKey privateKey, OptionalInt listenPort, List<IpPrefix> addresses, OptionalInt mtu) {

    public static final int MIN_MTU = 576;
    public static final int MAX_MTU = 65535;

    public InterfaceSettings {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(listenPort, "listenPort");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(mtu, "mtu");
    }
}
