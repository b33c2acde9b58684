package dev.wireplug.application.roaming;

import dev.wireplug.application.port.out.PortMapper;
import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.MappingOutcome;
import dev.wireplug.domain.nat.UnmapOutcome;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Logs every answer of a {@link PortMapper} with the time it took, one line each: how fast a
 * gateway that speaks nothing is given up on is something users (and the lab) check.
 */
public final class LoggingPortMapper implements PortMapper {
    private static final Logger LOG = System.getLogger(LoggingPortMapper.class.getName());

    private final PortMapper inner;

    public LoggingPortMapper(PortMapper inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public MappingMethod method() {
        return inner.method();
    }

    @Override
    public MappingOutcome map(InetAddress gateway, int internalPort, Duration lifetime) {
        long start = System.nanoTime();
        MappingOutcome outcome = inner.map(gateway, internalPort, lifetime);
        log("map", outcome, start);
        return outcome;
    }

    @Override
    public MappingOutcome renew(MappingLease lease, Duration lifetime) {
        long start = System.nanoTime();
        MappingOutcome outcome = inner.renew(lease, lifetime);
        log("renew", outcome, start);
        return outcome;
    }

    @Override
    public UnmapOutcome unmap(MappingLease lease) {
        long start = System.nanoTime();
        UnmapOutcome outcome = inner.unmap(lease);
        LOG.log(Level.INFO, "event=port_mapping_unmap method={0} external_port={1} outcome={2} ms={3}",
                method().configName(), Integer.toString(lease.mapping().externalPort()), outcome, ms(start));
        return outcome;
    }

    private void log(String call, MappingOutcome outcome, long start) {
        String text = switch (outcome) {
            case MappingOutcome.Granted g -> "granted external_port=" + g.lease().mapping().externalPort()
                    + " lifetime_s=" + g.lease().mapping().lifetime().toSeconds();
            case MappingOutcome.NotSupported n -> "not_supported reason=\"" + n.reason() + "\"";
            case MappingOutcome.Refused r -> "refused reason=\"" + r.reason() + "\"";
        };
        LOG.log(Level.INFO, "event=port_mapping_" + call + " method={0} ms={1} outcome={2}", method().configName(),
                ms(start), text);
    }

    private static String ms(long start) {
        return Long.toString((System.nanoTime() - start) / 1_000_000);
    }
}
