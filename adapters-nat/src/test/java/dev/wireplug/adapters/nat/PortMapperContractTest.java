package dev.wireplug.adapters.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.out.PortMapper;
import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.MappingOutcome;
import dev.wireplug.domain.nat.PortMapping;
import dev.wireplug.domain.nat.UnmapOutcome;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every PortMapper promises, whatever its protocol: against a gateway that does not speak
 * it, a quick "not supported"; never an exception for network reasons; a lease made by another
 * mapper is refused, not misread. Each adapter's test subclasses this with a mapper aimed at
 * loopback ports where nothing listens.
 */
public abstract class PortMapperContractTest {
    protected static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** A mapper whose gateway ports on loopback have nothing listening. */
    protected abstract PortMapper mapperWithNothingListening() throws Exception;

    protected abstract MappingMethod method();

    @Test
    void reportsItsMethod() throws Exception {
        assertEquals(method(), mapperWithNothingListening().method());
    }

    @Test
    void gatewayWithoutTheProtocolIsNotSupportedWithinASecond() throws Exception {
        PortMapper mapper = mapperWithNothingListening();
        long t0 = System.nanoTime();
        MappingOutcome o = mapper.map(LOOPBACK, 51820, Duration.ofSeconds(120));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("contract method=" + method().configName() + " not-supported after ms=" + ms);
        assertInstanceOf(MappingOutcome.NotSupported.class, o);
        assertTrue(ms < 1500, ms + " ms");
    }

    @Test
    void foreignLeaseIsNeitherRenewedNorDeleted() throws Exception {
        PortMapper mapper = mapperWithNothingListening();
        MappingLease foreign = new MappingLease(new PortMapping(method(), 51820, Optional.empty(), 51820,
                Instant.EPOCH, Duration.ofSeconds(120)), LOOPBACK, Optional.empty(), new byte[] {9, 9, 9});
        MappingOutcome renewed = mapper.renew(foreign, Duration.ofSeconds(120));
        assertNotNull(renewed);
        assertTrue(!(renewed instanceof MappingOutcome.Granted), renewed.toString());
        assertEquals(UnmapOutcome.FAILED, mapper.unmap(foreign));
    }
}
