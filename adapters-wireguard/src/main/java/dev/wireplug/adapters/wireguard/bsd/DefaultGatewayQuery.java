package dev.wireplug.adapters.wireguard.bsd;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Asks the routing socket for the default gateway, as {@code route -n get default} does: an
 * RTM_GET for destination 0.0.0.0 (or ::) with a zero netmask, answered by an RTM_GET message
 * carrying the same {@code rtm_seq} whose RTA_GATEWAY is the router (a sockaddr_dl there instead
 * means the default route points straight at an interface: no gateway). Pure: writing the request
 * and reading replies is the caller's business; this is what the snapshot of a BSD network monitor
 * needs for {@code ipv4Gateway}/{@code ipv6Gateway}.
 */
public final class DefaultGatewayQuery {
    public static final int RTM_GET = 0x4;
    public static final int RTF_UP = 0x1;
    public static final int RTF_GATEWAY = 0x2;
    private static final int RTAX_GATEWAY = 1;

    /** What a buffer read from the routing socket says about the request. */
    public sealed interface Answer {
        /** The reply to this request is not in the buffer: keep reading. */
        record NotYet() implements Answer {}

        /** No default route, or one without a router (straight onto an interface). */
        record NoGateway() implements Answer {}

        record Gateway(InetAddress address) implements Answer {}
    }

    private final RouteMessageDecoder decoder;
    private final RoutingSocketLayout layout;

    public DefaultGatewayQuery(RoutingSocketLayout layout) {
        this.layout = layout;
        this.decoder = new RouteMessageDecoder(layout, index -> Optional.empty());
    }

    /** The RTM_GET message to write to the PF_ROUTE socket ({@code pid} is ours; the kernel sets it too). */
    public byte[] request(boolean ipv6, int pid, int seq) {
        int saLen = ipv6 ? BsdSockaddr.SOCKADDR_IN6_SIZE : BsdSockaddr.SOCKADDR_IN_SIZE;
        int slot = ((saLen + layout.align() - 1) / layout.align()) * layout.align();
        int header = layout.rtHeader();
        byte[] out = new byte[header + 2 * slot];
        put16(out, 0, out.length);
        out[2] = RouteMessageDecoder.RTM_VERSION;
        out[3] = RTM_GET;
        if (layout.headerLengthAt() >= 0) {
            put16(out, layout.headerLengthAt(), header);
        }
        put32(out, layout.rtFlagsAt(), RTF_UP | RTF_GATEWAY);
        put32(out, layout.rtAddrsAt(), RouteMessageDecoder.RTA_DST | RouteMessageDecoder.RTA_NETMASK);
        put32(out, layout.rtPidAt(), pid);
        put32(out, layout.rtPidAt() + 4, seq);
        for (int i = 0; i < 2; i++) {
            int at = header + i * slot;
            out[at] = (byte) saLen;
            out[at + 1] = (byte) (ipv6 ? layout.sockaddr().afInet6() : BsdSockaddr.AF_INET);
        }
        return out;
    }

    /**
     * The answer to our request {@code seq} in a buffer read from the socket. Other messages are
     * skipped, other processes' RTM_GET replies included: the kernel sends replies to every routing
     * socket, so a reply is ours only if both rtm_pid and rtm_seq match. A reply with rtm_errno set
     * (ESRCH: no such route) means there is no gateway.
     */
    public Answer answer(byte[] buffer, int length, int pid, int seq) throws RouteMessageException {
        if (length < 0 || length > buffer.length) {
            throw new RouteMessageException("length " + length + " outside a buffer of " + buffer.length);
        }
        int offset = 0;
        while (offset < length) {
            if (length - offset < 4) {
                throw new RouteMessageException("routing message truncated at offset " + offset);
            }
            int msglen = RouteMessageDecoder.u16(buffer, offset);
            if (msglen < 4 || msglen > length - offset) {
                throw new RouteMessageException("routing message at offset " + offset + " claims " + msglen
                        + " bytes, " + (length - offset) + " left");
            }
            int end = offset + msglen;
            if ((buffer[offset + 2] & 0xff) == RouteMessageDecoder.RTM_VERSION && (buffer[offset + 3] & 0xff) == RTM_GET) {
                int minimum = Math.max(layout.rtPidAt() + 12, layout.rtAddrsAt() + 4);
                int header = decoder.header(buffer, offset, end, layout.rtHeader(), minimum);
                if (RouteMessageDecoder.i32(buffer, offset + layout.rtPidAt()) == pid
                        && RouteMessageDecoder.i32(buffer, offset + layout.rtPidAt() + 4) == seq) {
                    if (RouteMessageDecoder.i32(buffer, offset + layout.rtPidAt() + 8) != 0) {
                        return new Answer.NoGateway();
                    }
                    int[][] slots = decoder.sockaddrs(buffer, offset + header, end,
                            RouteMessageDecoder.i32(buffer, offset + layout.rtAddrsAt()));
                    Optional<InetAddress> gateway = slots[RTAX_GATEWAY] == null
                            ? Optional.empty()
                            : decoder.inetAddress(buffer, slots[RTAX_GATEWAY]);
                    return gateway.<Answer>map(Answer.Gateway::new).orElseGet(Answer.NoGateway::new);
                }
            }
            offset = end;
        }
        return new Answer.NotYet();
    }

    private static void put16(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
    }

    private static void put32(byte[] b, int at, int value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
