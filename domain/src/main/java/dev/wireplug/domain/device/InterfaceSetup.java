package dev.wireplug.domain.device;

import dev.wireplug.domain.net.InterfaceName;
import dev.wireplug.domain.net.IpPrefix;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What wg-quick does around the device: the interface's addresses (host bits kept, as in
 * {@code Address = 10.0.0.2/24}), its MTU when set, and the prefixes to route through it (the
 * peers' AllowedIPs). Applying it also brings the link up.
 */
public record InterfaceSetup(InterfaceName name, List<IpPrefix> addresses, OptionalInt mtu, List<IpPrefix> routes) {
    public InterfaceSetup {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(mtu, "mtu");
        mtu.ifPresent(m -> {
            if (m < 576 || m > 65535) {
                throw new IllegalArgumentException("MTU " + m + " is outside 576-65535");
            }
        });
        routes = List.copyOf(routes);
    }
}
