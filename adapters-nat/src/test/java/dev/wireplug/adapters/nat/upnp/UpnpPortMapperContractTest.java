package dev.wireplug.adapters.nat.upnp;

import dev.wireplug.adapters.nat.FakeUdpGateway;
import dev.wireplug.adapters.nat.PortMapperContractTest;
import dev.wireplug.application.port.out.PortMapper;
import dev.wireplug.domain.nat.MappingMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

class UpnpPortMapperContractTest extends PortMapperContractTest {
    @Override
    protected PortMapper mapperWithNothingListening() throws Exception {
        return new UpnpPortMapper(() -> Instant.EPOCH, new UpnpPortMapper.Settings(Optional.empty(),
                FakeUdpGateway.closedPort(), Duration.ofMillis(600), Duration.ofMillis(500)));
    }

    @Override
    protected MappingMethod method() {
        return MappingMethod.UPNP;
    }
}
