package dev.wireplug.adapters.nat.upnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.wireplug.adapters.nat.FakeUdpGateway;
import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingOutcome;
import dev.wireplug.domain.nat.UnmapOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A loopback IGD: SSDP on UDP, description and SOAP control over the JDK's HTTP server. */
class UpnpPortMapperTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final String IGD1_DESC = "<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device>"
            + "<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType><deviceList><device>"
            + "<deviceList><device><serviceList><service><serviceType>urn:schemas-upnp-org:service:WANIPConnection:1"
            + "</serviceType><controlURL>/ctl/IPConn</controlURL></service></serviceList></device></deviceList>"
            + "</device></deviceList></device></root>";

    HttpServer http;
    FakeUdpGateway ssdp;
    volatile String description = UpnpRecordings.ROOT_DESC_IGD2;
    volatile BiFunction<String, String, String[]> soap;
    final List<String> soapActions = new CopyOnWriteArrayList<>();
    final List<String> soapBodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startIgd() throws IOException {
        http = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        http.createContext("/rootDesc.xml", ex -> respond(ex, 200, description));
        http.createContext("/ctl/IPConn", ex -> {
            String action = ex.getRequestHeaders().getFirst("SOAPAction");
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            soapActions.add(action + " " + ex.getRequestHeaders().getFirst("Content-Type"));
            soapBodies.add(body);
            String name = action.substring(action.indexOf('#') + 1, action.length() - 1);
            String[] answer = soap.apply(name, body);
            respond(ex, Integer.parseInt(answer[0]), answer[1]);
        });
        http.start();
        String location = "http://127.0.0.1:" + http.getAddress().getPort() + "/rootDesc.xml";
        ssdp = new FakeUdpGateway(req -> {
            String text = new String(req, StandardCharsets.US_ASCII);
            String st = text.contains("InternetGatewayDevice:2") ? SsdpCodec.IGD_V2 : SsdpCodec.IGD_V1;
            return List.of(UpnpRecordings.SSDP_IGD2.replace("http://10.0.1.1:39263/rootDesc.xml", location)
                    .replace(SsdpCodec.IGD_V2, st).getBytes(StandardCharsets.US_ASCII));
        });
    }

    @AfterEach
    void stopIgd() {
        http.stop(0);
        ssdp.close();
    }

    static void respond(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/xml; charset=\"utf-8\"");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    UpnpPortMapper mapper() {
        return new UpnpPortMapper(() -> Instant.parse("2026-01-01T00:00:00Z"), new UpnpPortMapper.Settings(
                Optional.empty(), ssdp.port(), Duration.ofMillis(700), Duration.ofSeconds(2)));
    }

    static String[] ok(String body) {
        return new String[] {"200", body};
    }

    static String[] fault(String body) {
        return new String[] {"500", body};
    }

    @Test
    void igd2RefusingLeasesGetsAPermanentMappingOnTheReservedPort() {
        soap = (action, body) -> switch (action) {
            case "GetExternalIPAddress" -> ok(UpnpRecordings.EXTERNAL_IP_EMPTY);
            case "AddAnyPortMapping" -> body.contains("<NewLeaseDuration>0<")
                    ? ok(UpnpRecordings.ADD_ANY_RESPONSE) : fault(UpnpRecordings.FAULT_725);
            default -> fault(UpnpRecordings.fault(401, "Invalid Action"));
        };
        MappingLease l = assertInstanceOf(MappingOutcome.Granted.class,
                mapper().map(LOOPBACK, 51820, Duration.ofSeconds(7200))).lease();
        assertEquals(51821, l.mapping().externalPort());
        assertEquals(Optional.empty(), l.mapping().externalAddress(), "miniupnpd's empty answer is no address");
        assertEquals("\"urn:schemas-upnp-org:service:WANIPConnection:2#AddAnyPortMapping\" text/xml; charset=\"utf-8\"",
                soapActions.get(1));
        assertTrue(soapBodies.get(1).contains("<NewExternalPort>51820</NewExternalPort><NewProtocol>UDP</NewProtocol>"
                + "<NewInternalPort>51820</NewInternalPort><NewInternalClient>127.0.0.1</NewInternalClient>"), soapBodies.get(1));
        assertTrue(soapBodies.get(1).contains("<NewLeaseDuration>7200</NewLeaseDuration>"));
        assertTrue(soapBodies.get(2).contains("<NewLeaseDuration>0</NewLeaseDuration>"));
        assertTrue(UpnpPortMapper.Token.decode(l.token()).orElseThrow().permanent());

        // A permanent mapping is renewed with lease 0 as well, on the port it got.
        assertInstanceOf(MappingOutcome.Granted.class, renewWith(l));
        assertTrue(soapBodies.stream().anyMatch(b -> b.contains("<u:AddPortMapping ")
                && b.contains("<NewExternalPort>51821</NewExternalPort>") && b.contains("<NewLeaseDuration>0<")), soapBodies.toString());
    }

    MappingOutcome renewWith(MappingLease l) {
        soap = (action, body) -> switch (action) {
            case "GetExternalIPAddress" -> ok(UpnpRecordings.EXTERNAL_IP);
            case "AddPortMapping" -> body.contains("<NewLeaseDuration>0<") ? ok(UpnpRecordings.ADD_RESPONSE)
                    : fault(UpnpRecordings.FAULT_725);
            default -> fault(UpnpRecordings.fault(401, "Invalid Action"));
        };
        return mapper().renew(l, Duration.ofSeconds(7200));
    }

    @Test
    void igd1ConflictMovesToAnotherPort() {
        description = IGD1_DESC;
        soap = (action, body) -> switch (action) {
            case "GetExternalIPAddress" -> ok(UpnpRecordings.EXTERNAL_IP);
            case "AddPortMapping" -> body.contains("<NewExternalPort>51820<")
                    ? fault(UpnpRecordings.FAULT_718) : ok(UpnpRecordings.ADD_RESPONSE);
            default -> fault(UpnpRecordings.fault(401, "Invalid Action"));
        };
        MappingLease l = assertInstanceOf(MappingOutcome.Granted.class,
                mapper().map(LOOPBACK, 51820, Duration.ofSeconds(7200))).lease();
        assertEquals(51821, l.mapping().externalPort());
        assertEquals(51820, l.mapping().internalPort());
        assertEquals(Duration.ofSeconds(7200), l.mapping().lifetime());
        assertEquals("198.18.0.1", l.mapping().externalAddress().orElseThrow().getHostAddress());
    }

    @Test
    void withSeveralWanServicesTheConnectedOneIsUsed() throws Exception {
        // An IGDv1 router with an unused IP connection and the live PPP one (same control URL
        // here; the serviceType in the SOAPAction tells them apart).
        description = "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device><deviceList><device><deviceList><device>"
                + "<serviceList><service><serviceType>" + WanService.WAN_IP_1 + "</serviceType><controlURL>/ctl/IPConn</controlURL>"
                + "</service><service><serviceType>" + WanService.WAN_PPP_1 + "</serviceType><controlURL>/ctl/IPConn"
                + "</controlURL></service></serviceList></device></deviceList></device></deviceList></device></root>";
        soap = (action, body) -> {
            boolean ppp = body.contains(WanService.WAN_PPP_1);
            return switch (action) {
                case "GetStatusInfo" -> ok(UpnpRecordings.ENVELOPE_OPEN + "<u:GetStatusInfoResponse xmlns:u=\"x\">"
                        + "<NewConnectionStatus>" + (ppp ? "Connected" : "Disconnected") + "</NewConnectionStatus>"
                        + "<NewLastConnectionError>ERROR_NONE</NewLastConnectionError><NewUptime>5</NewUptime>"
                        + "</u:GetStatusInfoResponse>" + UpnpRecordings.ENVELOPE_CLOSE);
                case "GetExternalIPAddress" -> ok(UpnpRecordings.EXTERNAL_IP);
                case "AddPortMapping" -> ok(UpnpRecordings.ADD_RESPONSE);
                default -> fault(UpnpRecordings.fault(401, "Invalid Action"));
            };
        };
        MappingLease l = assertInstanceOf(MappingOutcome.Granted.class,
                mapper().map(LOOPBACK, 51820, Duration.ofSeconds(7200))).lease();
        assertEquals(WanService.WAN_PPP_1, UpnpPortMapper.Token.decode(l.token()).orElseThrow().serviceType());
        assertTrue(soapActions.stream().anyMatch(a -> a.startsWith("\"" + WanService.WAN_PPP_1 + "#AddPortMapping\"")),
                soapActions.toString());
        assertTrue(soapActions.stream().noneMatch(a -> a.startsWith("\"" + WanService.WAN_IP_1 + "#AddPortMapping\"")),
                soapActions.toString());
    }

    @Test
    void notAuthorizedIsARefusal() {
        soap = (action, body) -> action.equals("GetExternalIPAddress") ? ok(UpnpRecordings.EXTERNAL_IP)
                : fault(UpnpRecordings.FAULT_606);
        MappingOutcome.Refused r = assertInstanceOf(MappingOutcome.Refused.class,
                mapper().map(LOOPBACK, 51820, Duration.ofSeconds(7200)));
        assertTrue(r.reason().contains("606"), r.reason());
    }

    @Test
    void deleteSendsDeletePortMappingAnd714MeansAlreadyGone() {
        soap = (action, body) -> switch (action) {
            case "GetExternalIPAddress" -> ok(UpnpRecordings.EXTERNAL_IP);
            case "AddAnyPortMapping" -> ok(UpnpRecordings.ADD_ANY_RESPONSE);
            case "DeletePortMapping" -> ok(UpnpRecordings.DELETE_RESPONSE);
            default -> fault(UpnpRecordings.fault(401, "Invalid Action"));
        };
        UpnpPortMapper m = mapper();
        MappingLease l = ((MappingOutcome.Granted) m.map(LOOPBACK, 51820, Duration.ofSeconds(7200))).lease();
        assertEquals(UnmapOutcome.DELETED, m.unmap(l));
        assertTrue(soapBodies.get(soapBodies.size() - 1).contains(
                "<NewRemoteHost></NewRemoteHost><NewExternalPort>51821</NewExternalPort><NewProtocol>UDP</NewProtocol>"));
        soap = (action, body) -> fault(UpnpRecordings.fault(714, "NoSuchEntryInArray"));
        assertEquals(UnmapOutcome.ALREADY_GONE, m.unmap(l));
    }

    @Test
    void noIgdAnsweringGivesUpWithinASecond() throws Exception {
        ssdp.script(req -> List.of());
        UpnpPortMapper m = mapper();
        long t0 = System.nanoTime();
        assertInstanceOf(MappingOutcome.NotSupported.class, m.map(LOOPBACK, 51820, Duration.ofSeconds(60)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("upnp no IGD gave up in ms=" + ms);
        assertTrue(ms < 1500, ms + " ms");
    }
}
