package dev.wireplug.adapters.nat.announce;

import static dev.wireplug.adapters.nat.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireplug.domain.nat.MappingMethod;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnnouncementDecoderTest {
    @Test
    void natPmpAddressChangeNoticeCarriesTheEpoch() {
        // RFC 6886 3.2.1: the external-address reply layout, multicast to 224.0.0.1:5350
        assertEquals(Optional.of(new AnnouncementDecoder.Announcement(MappingMethod.NATPMP, 3)), AnnouncementDecoder.decode(bytes("0080 0000 00000003 c6124d01")));
    }

    @Test
    void pcpAnnounceCarriesTheEpoch() {
        // RFC 6887 14.1.3: ANNOUNCE response, R bit set, opcode 0, result SUCCESS
        assertEquals(Optional.of(new AnnouncementDecoder.Announcement(MappingMethod.PCP, 1)),
                AnnouncementDecoder.decode(bytes("02 80 00 00 00000000 00000001 000000000000000000000000")));
    }

    @Test
    void everythingElseIsIgnored() {
        assertEquals(Optional.empty(), AnnouncementDecoder.decode(new byte[0]));
        assertEquals(Optional.empty(), AnnouncementDecoder.decode(bytes("0081 0000 00000003 9c40 9c40 00000e10")));
        assertEquals(Optional.empty(), AnnouncementDecoder.decode(bytes("0080 0003 00000003")));
        assertEquals(Optional.empty(),
                AnnouncementDecoder.decode(bytes("02 81 00 00 00000000 00000001 000000000000000000000000")));
        Random random = new Random(5350);
        for (int i = 0; i < 10_000; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            AnnouncementDecoder.decode(junk);
        }
    }
}
