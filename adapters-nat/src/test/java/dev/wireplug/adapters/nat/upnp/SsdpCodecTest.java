package dev.wireplug.adapters.nat.upnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SsdpCodecTest {

    @Test
    void mSearchHasTheHeadersUda11RequiresWithQuotedMan() {
        // UDA 1.1 section 1.3.2; the same header set miniupnpc's ssdpDiscoverDevices sends.
        String expected = "M-SEARCH * HTTP/1.1\r\n"
                + "HOST: 239.255.255.250:1900\r\n"
                + "ST: urn:schemas-upnp-org:device:InternetGatewayDevice:2\r\n"
                + "MAN: \"ssdp:discover\"\r\n"
                + "MX: 1\r\n"
                + "\r\n";
        assertEquals(expected, new String(SsdpCodec.mSearch(SsdpCodec.IGD_V2, 1), StandardCharsets.US_ASCII));
    }

    @Test
    void mSearchRejectsBadMxAndTargets() {
        assertThrows(IllegalArgumentException.class, () -> SsdpCodec.mSearch(SsdpCodec.IGD_V1, 0));
        assertThrows(IllegalArgumentException.class, () -> SsdpCodec.mSearch(SsdpCodec.IGD_V1, 6));
        assertThrows(IllegalArgumentException.class, () -> SsdpCodec.mSearch("a\r\nX: y", 1));
    }

    @Test
    void parsesMiniupnpdAnswer() throws Exception {
        byte[] d = UpnpRecordings.SSDP_IGD2.getBytes(StandardCharsets.US_ASCII);
        SsdpResponse r = SsdpCodec.parseResponse(d, d.length);
        assertEquals(URI.create("http://10.0.1.1:39263/rootDesc.xml"), r.location());
        assertEquals(SsdpCodec.IGD_V2, r.searchTarget());
        assertTrue(r.isIgdV2());
        assertTrue(r.server().contains("MiniUPnPd/2.3.9"));
    }

    @Test
    void headerNamesAreCaseInsensitiveAndBareLfIsAccepted() throws Exception {
        byte[] d = ("HTTP/1.1 200 OK\nlocation: http://192.168.0.1:1780/desc.xml\nst: upnp:rootdevice\n\n")
                .getBytes(StandardCharsets.US_ASCII);
        SsdpResponse r = SsdpCodec.parseResponse(d, d.length);
        assertEquals("192.168.0.1", r.location().getHost());
        assertEquals("upnp:rootdevice", r.searchTarget());
    }

    @Test
    void rejectsNotifyErrorsAndMissingOrForeignLocations() {
        for (String s : new String[] {
            "NOTIFY * HTTP/1.1\r\nLOCATION: http://10.0.0.1/\r\n\r\n",
            "HTTP/1.1 404 Not Found\r\nLOCATION: http://10.0.0.1/\r\n\r\n",
            "HTTP/1.1 200 OK\r\nST: x\r\n\r\n",
            "HTTP/1.1 200 OK\r\nLOCATION: file:///etc/passwd\r\n\r\n",
            "HTTP/1.1 200 OK\r\nLOCATION: http://[::1\r\n\r\n",
        }) {
            byte[] d = s.getBytes(StandardCharsets.US_ASCII);
            assertThrows(UpnpException.class, () -> SsdpCodec.parseResponse(d, d.length), s);
        }
    }

    @Test
    void randomAndTruncatedInputRaisesOnlyTheCodecsException() {
        Random random = new Random(1900);
        byte[] valid = UpnpRecordings.SSDP_IGD2.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 10_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = new byte[random.nextInt(300)];
                random.nextBytes(input);
            } else {
                input = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
                if (input.length > 0) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                SsdpCodec.parseResponse(input, input.length);
            } catch (UpnpException expected) {
                // the codec's own error: fine
            } catch (RuntimeException e) {
                fail("input " + new String(input, StandardCharsets.ISO_8859_1) + " raised " + e);
            }
        }
    }
}
