package dev.wireplug.application.port.out;

import java.net.InetAddress;
import java.util.Optional;

/** The default route's gateway per address family: where port-mapping requests go. */
public interface GatewayFinder {
    Optional<InetAddress> ipv4Gateway();

    Optional<InetAddress> ipv6Gateway();
}
