package dev.wireplug.adapters.nat.upnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeviceDescriptionParserTest {
    static final URI LOCATION = URI.create("http://10.0.1.1:39263/rootDesc.xml");

    @Test
    void findsWanIpConnection2InMiniupnpdIgd2Description() throws Exception {
        List<WanService> services = DeviceDescriptionParser.wanServices(
                UpnpRecordings.ROOT_DESC_IGD2.getBytes(StandardCharsets.UTF_8), LOCATION);
        assertEquals(List.of(new WanService(WanService.WAN_IP_2, URI.create("http://10.0.1.1:39263/ctl/IPConn"))),
                services);
    }

    @Test
    void prefersWanIpOverPppAndResolvesAgainstUrlBase() throws Exception {
        List<WanService> services = DeviceDescriptionParser.wanServices(
                UpnpRecordings.ROOT_DESC_IGD1_PPP_AND_IP.getBytes(StandardCharsets.UTF_8),
                URI.create("http://192.168.1.1:5431/dyndev/uuid:0000e068-20a0-00e0-20a0-48a8000808e0"));
        assertEquals(List.of(
                new WanService(WanService.WAN_IP_1,
                        URI.create("http://192.168.1.1:5431/uuid:0000e068-20a0-00e0-20a0-48a802086048/WANIPConnection:1")),
                new WanService(WanService.WAN_PPP_1,
                        URI.create("http://192.168.1.1:5431/uuid:0000e068-20a0-00e0-20a0-48a8000808e0/WANPPPConnection:1"))),
                services);
    }

    @Test
    void descriptionWithoutWanServicesGivesNone() throws Exception {
        String xml = "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device><deviceType>urn:schemas-upnp-org:device:MediaServer:1"
                + "</deviceType><serviceList><service><serviceType>urn:schemas-upnp-org:service:ContentDirectory:1</serviceType>"
                + "<controlURL>/cd</controlURL></service></serviceList></device></root>";
        assertEquals(List.of(), DeviceDescriptionParser.wanServices(xml.getBytes(StandardCharsets.UTF_8), LOCATION));
    }

    @Test
    void refusesDoctypesSoNoExternalEntityIsEverRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE root [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<root><URLBase>&x;</URLBase></root>";
        assertThrows(UpnpException.class,
                () -> DeviceDescriptionParser.wanServices(xxe.getBytes(StandardCharsets.UTF_8), LOCATION));
        String billionLaughs = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><root>&b;</root>";
        assertThrows(UpnpException.class,
                () -> DeviceDescriptionParser.wanServices(billionLaughs.getBytes(StandardCharsets.UTF_8), LOCATION));
    }

    @Test
    void rejectsNonRootDocumentsAndOversizedOnes() {
        assertThrows(UpnpException.class,
                () -> DeviceDescriptionParser.wanServices("<html/>".getBytes(StandardCharsets.UTF_8), LOCATION));
        assertThrows(UpnpException.class,
                () -> DeviceDescriptionParser.wanServices(new byte[SecureXml.MAX_DOCUMENT + 1], LOCATION));
    }

    @Test
    void randomAndTruncatedInputRaisesOnlyTheParsersException() {
        Random random = new Random(2003);
        byte[] valid = UpnpRecordings.ROOT_DESC_IGD2.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2_000; i++) {
            byte[] input = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            if (input.length > 0 && i % 2 == 1) {
                input[random.nextInt(input.length)] = (byte) random.nextInt(256);
            }
            try {
                DeviceDescriptionParser.wanServices(input, LOCATION);
            } catch (UpnpException expected) {
                // the parser's own error: fine
            } catch (RuntimeException e) {
                fail("input " + new String(input, StandardCharsets.ISO_8859_1) + " raised " + e);
            }
        }
    }
}
