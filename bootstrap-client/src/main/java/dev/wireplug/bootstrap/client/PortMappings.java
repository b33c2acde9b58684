package dev.wireplug.bootstrap.client;

import dev.wireplug.application.port.out.GatewayAnnouncements;
import dev.wireplug.application.port.out.PortMapper;
import dev.wireplug.application.roaming.LoggingPortMapper;
import dev.wireplug.application.roaming.PortMappingKeeper;
import dev.wireplug.application.service.PortMappingService;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.policy.PolicySettings;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds the port-mapping adapters in the order of the config's {@code PortMapping} line and builds
 * the keeper that runs one PortMappingService per network. What it starts goes on {@code running}
 * so the daemon stops it.
 */
final class PortMappings {
    private static final System.Logger LOG = System.getLogger("dev.wireplug.wireplugd");
    /** What we ask gateways for: RFC 6886's recommended 2 hours. */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(2);

    private final ClientComponent wired;
    private final List<AutoCloseable> running;

    PortMappings(ClientComponent wired, List<AutoCloseable> running) {
        this.wired = wired;
        this.running = running;
    }

    PortMappingKeeper keeper(List<MappingMethod> order, Duration lifetime) {
        if (order.isEmpty()) {
            LOG.log(Level.INFO, "event=port_mapping_off note=\"PortMapping = none\"");
            return PortMappingKeeper.disabled();
        }
        Map<MappingMethod, PortMapper> available = new EnumMap<>(MappingMethod.class);
        wired.portMappers().forEach(m -> available.put(m.method(), m));
        List<PortMapper> chosen = order.stream().filter(available::containsKey)
                .map(m -> (PortMapper) new LoggingPortMapper(available.get(m))).toList();
        PolicySettings defaults = PolicySettings.defaults(order);
        PolicySettings settings = new PolicySettings(order, lifetime, defaults.minRetry(), defaults.retryUnavailable(),
                defaults.maxRemapJitter());
        ExecutorScheduler scheduler = new ExecutorScheduler("port-mapping", 4);
        running.add(scheduler);
        PortMappingKeeper keeper = new PortMappingKeeper((port, publisher) -> new PortMappingService(chosen,
                wired.gatewayFinder(), wired.clock(), scheduler, publisher, settings, wired.random(), port), scheduler);
        GatewayAnnouncements announcements = wired.gatewayAnnouncements();
        announcements.start(keeper::epochObserved);
        running.add(announcements);
        LOG.log(Level.INFO, "event=port_mapping_methods order={0} lifetime_s={1}",
                order.stream().map(MappingMethod::configName).collect(Collectors.joining(",")),
                Long.toString(lifetime.toSeconds()));
        return keeper;
    }
}
