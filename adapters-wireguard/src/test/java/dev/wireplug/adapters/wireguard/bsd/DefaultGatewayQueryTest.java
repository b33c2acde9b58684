package dev.wireplug.adapters.wireguard.bsd;

import static dev.wireplug.adapters.wireguard.bsd.BsdFixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wireplug.adapters.wireguard.bsd.DefaultGatewayQuery.Answer;
import dev.wireplug.domain.net.IpAddresses;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RTM_GET for the default route, at the rt_msghdr offsets documented on {@link RoutingSocketLayout}
 * (OpenBSD 96-byte header with rtm_hdrlen, pid@24 seq@28 errno@32; FreeBSD 152 bytes, pid@16 seq@20
 * errno@24; macOS 92 bytes, same pid/seq/errno offsets as FreeBSD).
 */
class DefaultGatewayQueryTest {

    @Test
    void openBsdRequestCarriesItsHeaderLengthAndTwoZeroSockaddrs() {
        byte[] expected = new LittleEndianImage(96 + 16 + 16)
                .u16(0, 128).u8(2, 5).u8(3, 4).u16(4, 96)
                .u32(12, 0x1 | 0x4) // RTA_DST | RTA_NETMASK
                .u32(16, 0x1 | 0x2) // RTF_UP | RTF_GATEWAY
                .u32(24, 4321) // rtm_pid
                .u32(28, 42) // rtm_seq
                .raw(96, hex("1002")).raw(112, hex("1002"))
                .bytes();
        assertEquals(hex(expected), hex(new DefaultGatewayQuery(RoutingSocketLayout.OPENBSD).request(false, 4321, 42)));
    }

    @Test
    void macOsIpv6RequestPadsSockaddrsToFourBytes() {
        byte[] expected = new LittleEndianImage(92 + 28 + 28)
                .u16(0, 148).u8(2, 5).u8(3, 4)
                .u32(8, 0x3).u32(12, 0x5).u32(16, 4321).u32(20, 7)
                .raw(92, hex("1c1e")).raw(120, hex("1c1e"))
                .bytes();
        assertEquals(hex(expected), hex(new DefaultGatewayQuery(RoutingSocketLayout.DARWIN).request(true, 4321, 7)));
    }

    @Test
    void freeBsdIpv6RequestPadsSockaddrsToEightBytes() {
        byte[] request = new DefaultGatewayQuery(RoutingSocketLayout.FREEBSD).request(true, 4321, 9);
        assertEquals(152 + 32 + 32, request.length);
        assertEquals(0x1c, request[152]);
        assertEquals(28, request[153]);
        assertEquals(0x1c, request[184]);
        assertEquals(9, request[20]);
    }

    private static byte[] freeBsdReply(int pid, int seq, int errno, byte[] gateway) {
        return new LittleEndianImage(152 + 16 + 16 + 16)
                .u16(0, 200).u8(2, 5).u8(3, 4).u16(4, 1)
                .u32(8, 0x803).u32(12, 0x1 | 0x2 | 0x4).u32(16, pid).u32(20, seq).u32(24, errno)
                .raw(152, hex("1002 0000 00000000 0000000000000000"))
                .raw(168, gateway)
                .raw(184, hex("1002 0000 00000000 0000000000000000"))
                .bytes();
    }

    @Test
    void theGatewayComesFromTheReplyWithOurSequenceNumber() throws Exception {
        DefaultGatewayQuery query = new DefaultGatewayQuery(RoutingSocketLayout.FREEBSD);
        // another process asked with the same sequence number; its reply reaches our socket too
        byte[] someoneElses = freeBsdReply(777, 6, 0, hex("1002 0000 c0a80001 0000000000000000"));
        byte[] ours = freeBsdReply(999, 6, 0, hex("1002 0000 c0a801fe 0000000000000000"));
        byte[] both = new byte[someoneElses.length + ours.length];
        System.arraycopy(someoneElses, 0, both, 0, someoneElses.length);
        System.arraycopy(ours, 0, both, someoneElses.length, ours.length);

        assertEquals(new Answer.Gateway(IpAddresses.parse("192.168.1.254")), query.answer(both, both.length, 999, 6));
        assertEquals(new Answer.NotYet(), query.answer(someoneElses, someoneElses.length, 999, 6));
    }

    @Test
    void noDefaultRouteOrOneStraightOntoAnInterfaceMeansNoGateway() throws Exception {
        DefaultGatewayQuery query = new DefaultGatewayQuery(RoutingSocketLayout.FREEBSD);
        byte[] esrch = freeBsdReply(999, 6, 3, hex("1002 0000 00000000 0000000000000000"));
        assertEquals(new Answer.NoGateway(), query.answer(esrch, esrch.length, 999, 6));
        byte[] link = freeBsdReply(999, 6, 0, hex("1012 0100 06 03 00 00 74756e 00000000 00")); // sockaddr_dl "tun"
        assertEquals(new Answer.NoGateway(), query.answer(link, link.length, 999, 6));
    }

    @Test
    void randomAndTruncatedRepliesOnlyRaiseTheDecoderException() {
        DefaultGatewayQuery query = new DefaultGatewayQuery(RoutingSocketLayout.OPENBSD);
        byte[] valid = new LittleEndianImage(144).u16(0, 144).u8(2, 5).u8(3, 4).u16(4, 96).u32(12, 0x7)
                .u32(24, 999).u32(28, 1).raw(96, hex("1002 0000 00000000")).raw(112, hex("1002 0000 c0a80101")).raw(128, hex("1002"))
                .bytes();
        Random random = new Random(5);
        for (byte[] input : List.of(valid)) {
            for (int n = 0; n <= input.length; n++) {
                tryAnswer(query, Arrays.copyOf(input, n));
            }
        }
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = valid.clone();
            mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            tryAnswer(query, mutated);
        }
        assertThrows(RouteMessageException.class, () -> query.answer(new byte[] {2, 0}, 2, 999, 1));
    }

    private static void tryAnswer(DefaultGatewayQuery query, byte[] input) {
        try {
            query.answer(input, input.length, 999, 1);
        } catch (RouteMessageException expected) {
            // the decoder's own error is the only one allowed
        }
    }
}
