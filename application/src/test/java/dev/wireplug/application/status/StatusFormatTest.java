package dev.wireplug.application.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.status.DaemonStatus.PeerStatus;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.nat.PortMapping;
import dev.wireplug.domain.net.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusFormatTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static DaemonStatus status() {
        return new DaemonStatus("wg0", "userspace UAPI", 50123, NatKind.DESTINATION_DEPENDENT,
                Optional.of(Endpoint.parse("198.18.1.1:50123")),
                Optional.of(new PortMapping(MappingMethod.NATPMP, 50123, Optional.empty(), 40001,
                        NOW.minusSeconds(60), Duration.ofSeconds(7200))),
                "198.18.0.2:3478", true,
                List.of(new PeerStatus("HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=",
                                Optional.of(Endpoint.parse("198.18.2.1:40002")), "mapped",
                                "the peer's gateway maps a port for it", Optional.of(NOW.minusSeconds(5)), 1200, 3400),
                        new PeerStatus("xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=", Optional.empty(), "none",
                                "nothing known about the peer yet \"yet\"", Optional.empty(), 0, 0)));
    }

    @Test
    void textShowsPathReasonHandshakeAndMapping() {
        String text = StatusFormat.text(status(), NOW);
        assertTrue(text.contains("interface: wg0 (userspace UAPI)"), text);
        assertTrue(text.contains("nat: destination-dependent"), text);
        assertTrue(text.contains("port mapping: natpmp, external port 40001, expires in 7140 s"), text);
        assertTrue(text.contains("endpoint: 198.18.2.1:40002 (mapped: the peer's gateway maps a port for it)"), text);
        assertTrue(text.contains("latest handshake: 5 seconds ago"), text);
        assertTrue(text.contains("latest handshake: never"), text);
        assertTrue(text.contains("transfer: 1200 B received, 3400 B sent"), text);
    }

    @Test
    void jsonIsExactAndEscaped() {
        assertEquals("{\"interface\":\"wg0\",\"backend\":\"userspace UAPI\",\"listenPort\":50123,"
                + "\"nat\":\"DESTINATION_DEPENDENT\",\"publicEndpoint\":\"198.18.1.1:50123\","
                + "\"mapping\":{\"method\":\"natpmp\",\"internalPort\":50123,\"externalPort\":40001,"
                + "\"externalAddress\":null,\"expires\":\"2026-11-25T11:59:00Z\"},"
                + "\"coordinator\":\"198.18.0.2:3478\",\"sessionUp\":true,\"peers\":["
                + "{\"publicKey\":\"HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=\",\"endpoint\":\"198.18.2.1:40002\","
                + "\"path\":\"mapped\",\"reason\":\"the peer's gateway maps a port for it\","
                + "\"lastHandshake\":\"2026-11-25T09:59:55Z\",\"rxBytes\":1200,\"txBytes\":3400,"
                + "\"relay\":null,\"relayed\":false},"
                + "{\"publicKey\":\"xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\",\"endpoint\":null,\"path\":\"none\","
                + "\"reason\":\"nothing known about the peer yet \\\"yet\\\"\",\"lastHandshake\":null,"
                + "\"rxBytes\":0,\"txBytes\":0,\"relay\":null,\"relayed\":false}]}\n", StatusFormat.json(status()));
    }

    @Test
    void aRelayedPeerShowsTheRelayPortInUseAndAnOfferedOneIsMarkedUnused() {
        Endpoint relay = Endpoint.parse("198.18.0.10:40001");
        PeerStatus relayed = new PeerStatus("HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=", Optional.of(relay), "relay",
                "no direct path can work", Optional.of(NOW.minusSeconds(1)), 10, 20, Optional.of(relay));
        PeerStatus direct = new PeerStatus("xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=",
                Optional.of(Endpoint.parse("198.18.2.1:40002")), "direct", "the peer reached us directly",
                Optional.of(NOW.minusSeconds(1)), 10, 20, Optional.of(relay));
        DaemonStatus s = new DaemonStatus("wg0", "userspace UAPI", 50123, NatKind.DESTINATION_DEPENDENT,
                Optional.empty(), Optional.empty(), "198.18.0.10:3478", true, List.of(relayed, direct));
        String text = StatusFormat.text(s, NOW);
        assertTrue(text.contains("relay: 198.18.0.10:40001 (port 40001, in use)"), text);
        assertTrue(text.contains("relay: 198.18.0.10:40001 (port 40001, offered, not in use)"), text);
        String json = StatusFormat.json(s);
        assertTrue(json.contains("\"relay\":\"198.18.0.10:40001\",\"relayed\":true}"), json);
        assertTrue(json.contains("\"relay\":\"198.18.0.10:40001\",\"relayed\":false}"), json);
    }
}
