package dev.wireplug.adapters.nat.pcp;

import dev.wireplug.adapters.nat.FakeUdpGateway;
import dev.wireplug.adapters.nat.PortMapperContractTest;
import dev.wireplug.adapters.nat.udp.RetransmitSchedule;
import dev.wireplug.application.port.out.PortMapper;
import dev.wireplug.domain.nat.MappingMethod;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

class PcpPortMapperContractTest extends PortMapperContractTest {
    @Override
    protected PortMapper mapperWithNothingListening() throws Exception {
        return new PcpPortMapper(() -> Instant.EPOCH, new SecureRandom(), FakeUdpGateway.closedPort(),
                RetransmitSchedule.probe(Duration.ofMillis(250)), RetransmitSchedule.patient(Duration.ofMillis(100), 2));
    }

    @Override
    protected MappingMethod method() {
        return MappingMethod.PCP;
    }
}
