package dev.wireplug.domain.network;

import dev.wireplug.domain.net.IpPrefix;
import java.util.Objects;

/** Something about the host's network that may have moved its public endpoint. */
public sealed interface NetworkChange {
    String interfaceName();

    record LinkChanged(String interfaceName, boolean up) implements NetworkChange {
        public LinkChanged {
            Objects.requireNonNull(interfaceName, "interfaceName");
        }
    }

    record AddressChanged(String interfaceName, IpPrefix address, boolean added) implements NetworkChange {
        public AddressChanged {
            Objects.requireNonNull(interfaceName, "interfaceName");
            Objects.requireNonNull(address, "address");
        }
    }

    record DefaultRouteChanged(String interfaceName) implements NetworkChange {
        public DefaultRouteChanged {
            Objects.requireNonNull(interfaceName, "interfaceName");
        }
    }
}
