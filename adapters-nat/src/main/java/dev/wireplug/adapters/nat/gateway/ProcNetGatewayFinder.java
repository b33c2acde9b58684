package dev.wireplug.adapters.nat.gateway;

import dev.wireplug.application.port.out.GatewayFinder;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Linux: the default gateways from /proc/net/route and /proc/net/ipv6_route, read on each call. */
final class ProcNetGatewayFinder implements GatewayFinder {
    private final Path ipv4Table;
    private final Path ipv6Table;

    ProcNetGatewayFinder(Path ipv4Table, Path ipv6Table) {
        this.ipv4Table = ipv4Table;
        this.ipv6Table = ipv6Table;
    }

    static ProcNetGatewayFinder standard() {
        return new ProcNetGatewayFinder(Path.of("/proc/net/route"), Path.of("/proc/net/ipv6_route"));
    }

    @Override
    public Optional<InetAddress> ipv4Gateway() {
        return ProcNetRoutes.ipv4DefaultGateway(read(ipv4Table), ByteOrder.nativeOrder());
    }

    @Override
    public Optional<InetAddress> ipv6Gateway() {
        return ProcNetRoutes.ipv6DefaultGateway(read(ipv6Table), ProcNetRoutes::byName);
    }

    private static List<String> read(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }
}
