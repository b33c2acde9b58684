package dev.wireplug.adapters.nat.upnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Requests match the envelope miniupnpc's simpleUPnPcommand sends and the argument order of the
 * WANIPConnection:2 SCPD (miniupnpd upnpdescgen.c); replies are miniupnpd upnpsoap.c bodies.
 */
class SoapCodecTest {
    static final String PRE = "<?xml version=\"1.0\"?>\r\n<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
            + "s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>";
    static final String POST = "</s:Body></s:Envelope>\r\n";

    @Test
    void addPortMappingArgumentsInScpdOrder() {
        String expected = PRE + "<u:AddPortMapping xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:1\">"
                + "<NewRemoteHost></NewRemoteHost><NewExternalPort>51820</NewExternalPort><NewProtocol>UDP</NewProtocol>"
                + "<NewInternalPort>51820</NewInternalPort><NewInternalClient>10.0.1.2</NewInternalClient>"
                + "<NewEnabled>1</NewEnabled><NewPortMappingDescription>wireplug wg0</NewPortMappingDescription>"
                + "<NewLeaseDuration>7200</NewLeaseDuration></u:AddPortMapping>" + POST;
        assertEquals(expected, new String(SoapCodec.addPortMapping(WanService.WAN_IP_1, 51820, "UDP", 51820,
                "10.0.1.2", "wireplug wg0", 7200), StandardCharsets.UTF_8));
    }

    @Test
    void addAnyPortMappingTakesTheSameArguments() {
        String expected = PRE + "<u:AddAnyPortMapping xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:2\">"
                + "<NewRemoteHost></NewRemoteHost><NewExternalPort>51820</NewExternalPort><NewProtocol>UDP</NewProtocol>"
                + "<NewInternalPort>51820</NewInternalPort><NewInternalClient>10.0.1.2</NewInternalClient>"
                + "<NewEnabled>1</NewEnabled><NewPortMappingDescription>a&amp;b&lt;c</NewPortMappingDescription>"
                + "<NewLeaseDuration>0</NewLeaseDuration></u:AddAnyPortMapping>" + POST;
        assertEquals(expected, new String(SoapCodec.addAnyPortMapping(WanService.WAN_IP_2, 51820, "UDP", 51820,
                "10.0.1.2", "a&b<c", 0), StandardCharsets.UTF_8));
    }

    @Test
    void deleteAndGetExternalAddress() {
        assertEquals(PRE + "<u:DeletePortMapping xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:2\">"
                + "<NewRemoteHost></NewRemoteHost><NewExternalPort>51821</NewExternalPort><NewProtocol>UDP</NewProtocol>"
                + "</u:DeletePortMapping>" + POST,
                new String(SoapCodec.deletePortMapping(WanService.WAN_IP_2, 51821, "UDP"), StandardCharsets.UTF_8));
        assertEquals(PRE + "<u:GetExternalIPAddress xmlns:u=\"urn:schemas-upnp-org:service:WANPPPConnection:1\">"
                + "</u:GetExternalIPAddress>" + POST,
                new String(SoapCodec.getExternalIpAddress(WanService.WAN_PPP_1), StandardCharsets.UTF_8));
    }

    @Test
    void headersQuoteTheSoapActionAndCharset() {
        assertEquals("\"urn:schemas-upnp-org:service:WANIPConnection:2#AddAnyPortMapping\"",
                SoapCodec.soapActionHeader(WanService.WAN_IP_2, "AddAnyPortMapping"));
        assertEquals("text/xml; charset=\"utf-8\"", SoapCodec.contentType());
    }

    @Test
    void neverAsksForPortZeroOrAPrivilegedPort() {
        assertThrows(IllegalArgumentException.class,
                () -> SoapCodec.addPortMapping(WanService.WAN_IP_1, 0, "UDP", 51820, "10.0.1.2", "x", 7200));
        assertThrows(IllegalArgumentException.class,
                () -> SoapCodec.addPortMapping(WanService.WAN_IP_1, 1023, "UDP", 51820, "10.0.1.2", "x", 7200));
    }

    @Test
    void parsesExternalAddressIncludingMiniupnpdsEmptyOne() throws Exception {
        SoapResult.Success s = assertInstanceOf(SoapResult.Success.class,
                SoapCodec.parseResponse(200, bytes(UpnpRecordings.EXTERNAL_IP), "GetExternalIPAddress"));
        assertEquals(Optional.of("198.18.0.1"), s.argument("NewExternalIPAddress"));
        SoapResult.Success e = assertInstanceOf(SoapResult.Success.class,
                SoapCodec.parseResponse(200, bytes(UpnpRecordings.EXTERNAL_IP_EMPTY), "GetExternalIPAddress"));
        assertEquals(Optional.of(""), e.argument("NewExternalIPAddress"));
    }

    @Test
    void parsesReservedPortAndEmptyResponses() throws Exception {
        assertEquals(new SoapResult.Success(Map.of("NewReservedPort", "51821")),
                SoapCodec.parseResponse(200, bytes(UpnpRecordings.ADD_ANY_RESPONSE), "AddAnyPortMapping"));
        assertEquals(new SoapResult.Success(Map.of()),
                SoapCodec.parseResponse(200, bytes(UpnpRecordings.ADD_RESPONSE), "AddPortMapping"));
        assertEquals(new SoapResult.Success(Map.of()),
                SoapCodec.parseResponse(200, bytes(UpnpRecordings.DELETE_RESPONSE), "DeletePortMapping"));
    }

    @Test
    void parsesRecordedFaults606And718And725() throws Exception {
        assertEquals(new SoapResult.Fault(606, "Action not authorized"),
                SoapCodec.parseResponse(500, bytes(UpnpRecordings.FAULT_606), "AddPortMapping"));
        assertEquals(new SoapResult.Fault(718, "ConflictInMappingEntry"),
                SoapCodec.parseResponse(500, bytes(UpnpRecordings.FAULT_718), "AddPortMapping"));
        assertEquals(new SoapResult.Fault(725, "OnlyPermanentLeasesSupported"),
                SoapCodec.parseResponse(500, bytes(UpnpRecordings.FAULT_725), "AddPortMapping"));
    }

    @Test
    void rejectsWrongActionHttpErrorsWithoutFaultAndDoctypes() {
        assertThrows(UpnpException.class,
                () -> SoapCodec.parseResponse(200, bytes(UpnpRecordings.ADD_RESPONSE), "DeletePortMapping"));
        assertThrows(UpnpException.class,
                () -> SoapCodec.parseResponse(500, bytes(UpnpRecordings.ADD_RESPONSE), "AddPortMapping"));
        assertThrows(UpnpException.class, () -> SoapCodec.parseResponse(200, new byte[0], "AddPortMapping"));
        assertThrows(UpnpException.class, () -> SoapCodec.parseResponse(500,
                bytes(UpnpRecordings.fault(1, "x").replace("<errorCode>1</errorCode>", "<errorCode>x</errorCode>")), "A"));
        assertThrows(UpnpException.class, () -> SoapCodec.parseResponse(200,
                bytes("<!DOCTYPE s [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>" + UpnpRecordings.EXTERNAL_IP
                        .substring(UpnpRecordings.EXTERNAL_IP.indexOf("<s:"))), "GetExternalIPAddress"));
    }

    @Test
    void randomAndTruncatedInputRaisesOnlyTheCodecsException() {
        Random random = new Random(725);
        byte[][] valid = {bytes(UpnpRecordings.FAULT_725), bytes(UpnpRecordings.ADD_ANY_RESPONSE)};
        for (int i = 0; i < 3_000; i++) {
            byte[] v = valid[i % 2];
            byte[] input = Arrays.copyOf(v, random.nextInt(v.length + 1));
            if (input.length > 0 && i % 3 == 0) {
                input[random.nextInt(input.length)] = (byte) random.nextInt(256);
            }
            try {
                SoapCodec.parseResponse(i % 2 == 0 ? 500 : 200, input, "AddAnyPortMapping");
            } catch (UpnpException expected) {
                // the codec's own error: fine
            } catch (RuntimeException e) {
                fail("input " + new String(input, StandardCharsets.ISO_8859_1) + " raised " + e);
            }
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
