package dev.wireplug.adapters.nat.lab;

import dagger.BindsInstance;
import dagger.Component;
import dev.wireplug.adapters.nat.NatAdaptersModule;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.GatewayAnnouncements;
import dev.wireplug.application.port.out.GatewayFinder;
import dev.wireplug.application.port.out.PortMapper;
import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.MappingOutcome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Runs inside the lab's client namespace ({@code ip netns exec natt-c-ID java ... LabMapperDriver
 * METHOD PORT LIFETIME}) with the production Dagger wiring, and obeys one command per stdin line:
 * map, renew, unmap, quit. Answers one key=value line per command on stdout.
 */
public final class LabMapperDriver {
    @Component(modules = NatAdaptersModule.class)
    interface LabComponent {
        Set<PortMapper> portMappers();

        GatewayFinder gatewayFinder();

        GatewayAnnouncements gatewayAnnouncements();

        @Component.Factory
        interface Factory {
            LabComponent create(@BindsInstance Clock clock);
        }
    }

    private LabMapperDriver() {}

    public static void main(String[] args) throws Exception {
        MappingMethod method = MappingMethod.parse(args[0]);
        int port = Integer.parseInt(args[1]);
        Duration lifetime = Duration.ofSeconds(Long.parseLong(args[2]));
        LabComponent c = DaggerLabMapperDriver_LabComponent.factory().create(Instant::now);
        PortMapper mapper = c.portMappers().stream().filter(m -> m.method() == method).findFirst().orElseThrow();
        Optional<MappingLease> lease = Optional.empty();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            long t0 = System.nanoTime();
            switch (line.strip()) {
                case "gateway" -> System.out.println("gateway=" + c.gatewayFinder().ipv4Gateway().map(InetAddress::getHostAddress).orElse("none"));
                case "map" -> {
                    InetAddress gw = c.gatewayFinder().ipv4Gateway().orElseThrow();
                    MappingOutcome o = mapper.map(gw, port, lifetime);
                    lease = report(o, Optional.empty(), t0).or(() -> Optional.empty());
                }
                case "renew" -> {
                    MappingOutcome o = mapper.renew(lease.orElseThrow(), lifetime);
                    Optional<MappingLease> renewed = report(o, lease, t0);
                    if (renewed.isPresent()) {
                        lease = renewed;
                    }
                }
                case "unmap" -> System.out.println("unmap=" + mapper.unmap(lease.orElseThrow()) + " ms=" + ms(t0));
                case "quit" -> {
                    return;
                }
                default -> System.out.println("error=unknown-command");
            }
            System.out.flush();
        }
    }

    private static Optional<MappingLease> report(MappingOutcome o, Optional<MappingLease> previous, long t0) {
        switch (o) {
            case MappingOutcome.Granted g -> {
                MappingLease l = g.lease();
                boolean reset = previous.flatMap(MappingLease::epoch)
                        .flatMap(p -> l.epoch().map(e -> e.showsResetSince(p))).orElse(false);
                System.out.println("granted port=" + l.mapping().externalPort() + " lifetime=" + l.mapping().lifetime().toSeconds()
                        + " external=" + l.mapping().externalAddress().map(InetAddress::getHostAddress).orElse("none")
                        + " epoch=" + l.epoch().map(e -> Long.toString(e.seconds())).orElse("none")
                        + " reset=" + reset + " ms=" + ms(t0));
                return Optional.of(l);
            }
            case MappingOutcome.Refused r -> System.out.println("refused reason=" + r.reason().replace(' ', '_') + " ms=" + ms(t0));
            case MappingOutcome.NotSupported n -> System.out.println("notsupported reason=" + n.reason().replace(' ', '_') + " ms=" + ms(t0));
        }
        return Optional.empty();
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
