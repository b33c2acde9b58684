package dev.wireplug.adapters.wireguard.bsd;

import dev.wireplug.domain.net.IpPrefix;
import dev.wireplug.domain.network.NetworkChange;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Turns PF_ROUTE messages (what a routing socket reads, or a sysctl NET_RT_IFLIST dump: messages back
 * to back, each {@code msglen} long) into the network changes the daemon reacts to:
 * RTM_NEWADDR/RTM_DELADDR into {@link NetworkChange.AddressChanged}, RTM_IFINFO into
 * {@link NetworkChange.LinkChanged}, and RTM_ADD/RTM_DELETE/RTM_CHANGE of a default route (an
 * all-zero destination with a zero-length or absent netmask, not RTF_HOST) into
 * {@link NetworkChange.DefaultRouteChanged}. Everything else, and messages of another RTM_VERSION,
 * is skipped. Pure: the socket itself is the monitor's business.
 *
 * <p>Interface names come from the RTA_IFP sockaddr_dl when the kernel includes one, else from the
 * index through {@code names} (if_indextoname at run time), else "ifindex-N".
 */
public final class RouteMessageDecoder {
    public static final int RTM_VERSION = 5;
    public static final int RTM_ADD = 0x1;
    public static final int RTM_DELETE = 0x2;
    public static final int RTM_CHANGE = 0x3;
    public static final int RTM_NEWADDR = 0xc;
    public static final int RTM_DELADDR = 0xd;
    public static final int RTM_IFINFO = 0xe;

    public static final int RTA_DST = 0x1;
    public static final int RTA_GATEWAY = 0x2;
    public static final int RTA_NETMASK = 0x4;
    public static final int RTA_IFP = 0x10;
    public static final int RTA_IFA = 0x20;
    public static final int RTA_BRD = 0x80;
    private static final int RTAX_DST = 0;
    private static final int RTAX_NETMASK = 2;
    private static final int RTAX_IFP = 4;
    private static final int RTAX_IFA = 5;
    /** OpenBSD defines the most address slots, RTAX_MAX 15. */
    private static final int RTAX_MAX = 15;

    public static final int RTF_HOST = 0x4;
    public static final int IFF_UP = 0x1;
    public static final int IFF_RUNNING = 0x40;
    /** AF_LINK is 18 on OpenBSD, FreeBSD and macOS alike. */
    public static final int AF_LINK = 18;

    private final RoutingSocketLayout layout;
    private final IntFunction<Optional<String>> names;

    RoutingSocketLayout layout() {
        return layout;
    }

    public RouteMessageDecoder(RoutingSocketLayout layout, IntFunction<Optional<String>> names) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.names = Objects.requireNonNull(names, "names");
    }

    public List<NetworkChange> decode(byte[] buffer, int length) throws RouteMessageException {
        if (length < 0 || length > buffer.length) {
            throw new RouteMessageException("length " + length + " outside a buffer of " + buffer.length);
        }
        List<NetworkChange> changes = new ArrayList<>();
        int offset = 0;
        while (offset < length) {
            if (length - offset < 4) {
                throw new RouteMessageException(layout.system() + " routing message truncated at offset " + offset);
            }
            int msglen = u16(buffer, offset);
            if (msglen < 4 || msglen > length - offset) {
                throw new RouteMessageException(layout.system() + " routing message at offset " + offset
                        + " claims " + msglen + " bytes, " + (length - offset) + " left");
            }
            decodeOne(buffer, offset, offset + msglen).ifPresent(changes::add);
            offset += msglen;
        }
        return changes;
    }

    private Optional<NetworkChange> decodeOne(byte[] b, int start, int end) throws RouteMessageException {
        int version = b[start + 2] & 0xff;
        int type = b[start + 3] & 0xff;
        if (version != RTM_VERSION) {
            return Optional.empty();
        }
        return switch (type) {
            case RTM_NEWADDR, RTM_DELADDR -> address(b, start, end, type == RTM_NEWADDR);
            case RTM_IFINFO -> link(b, start, end);
            case RTM_ADD, RTM_DELETE, RTM_CHANGE -> route(b, start, end);
            default -> Optional.empty();
        };
    }

    private Optional<NetworkChange> address(byte[] b, int start, int end, boolean added) throws RouteMessageException {
        int header = header(b, start, end, layout.ifaHeader(), Math.max(layout.ifaIndexAt(), layout.ifaAddrsAt()) + 4);
        int index = u16(b, start + layout.ifaIndexAt());
        int[][] slots = sockaddrs(b, start + header, end, i32(b, start + layout.ifaAddrsAt()));
        int[] ifa = slots[RTAX_IFA];
        if (ifa == null) {
            return Optional.empty();
        }
        Optional<InetAddress> address = inetAddress(b, ifa);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int max = address.get().getAddress().length * 8;
        int length = slots[RTAX_NETMASK] == null ? max : prefixLength(b, slots[RTAX_NETMASK], max);
        return Optional.of(new NetworkChange.AddressChanged(name(b, slots[RTAX_IFP], index),
                new IpPrefix(address.get(), length), added));
    }

    private Optional<NetworkChange> link(byte[] b, int start, int end) throws RouteMessageException {
        int minimum = Math.max(Math.max(layout.ifIndexAt(), layout.ifFlagsAt()), layout.ifAddrsAt()) + 4;
        if (layout.linkStateAt() >= 0) {
            minimum = Math.max(minimum, layout.linkStateAt() + 1);
        }
        int header = header(b, start, end, layout.ifHeader(), minimum);
        int index = u16(b, start + layout.ifIndexAt());
        int flags = i32(b, start + layout.ifFlagsAt());
        int[][] slots = sockaddrs(b, start + header, end, i32(b, start + layout.ifAddrsAt()));
        boolean up = (flags & IFF_UP) != 0 && (flags & IFF_RUNNING) != 0;
        if (layout.linkStateAt() >= 0 && (b[start + layout.linkStateAt()] & 0xff) == layout.linkDown()) {
            up = false;
        }
        return Optional.of(new NetworkChange.LinkChanged(name(b, slots[RTAX_IFP], index), up));
    }

    private Optional<NetworkChange> route(byte[] b, int start, int end) throws RouteMessageException {
        int minimum = Math.max(Math.max(layout.rtIndexAt(), layout.rtFlagsAt()), layout.rtAddrsAt()) + 4;
        int header = header(b, start, end, layout.rtHeader(), minimum);
        int index = u16(b, start + layout.rtIndexAt());
        int flags = i32(b, start + layout.rtFlagsAt());
        int[][] slots = sockaddrs(b, start + header, end, i32(b, start + layout.rtAddrsAt()));
        if ((flags & RTF_HOST) != 0 || slots[RTAX_DST] == null) {
            return Optional.empty();
        }
        Optional<InetAddress> destination = inetAddress(b, slots[RTAX_DST]);
        if (destination.isEmpty() || !destination.get().isAnyLocalAddress()) {
            return Optional.empty();
        }
        int max = destination.get().getAddress().length * 8;
        if (slots[RTAX_NETMASK] != null && prefixLength(b, slots[RTAX_NETMASK], max) != 0) {
            return Optional.empty();
        }
        return Optional.of(new NetworkChange.DefaultRouteChanged(name(b, slots[RTAX_IFP], index)));
    }

    /** The offset of the first sockaddr: OpenBSD says it, elsewhere it is the struct's size. */
    int header(byte[] b, int start, int end, int fixed, int minimum) throws RouteMessageException {
        if (end - start < minimum) {
            throw new RouteMessageException(layout.system() + " routing message of " + (end - start)
                    + " bytes is shorter than its fixed fields (" + minimum + ")");
        }
        int header = layout.headerLengthAt() >= 0 ? u16(b, start + layout.headerLengthAt()) : fixed;
        if (header < minimum || header > end - start) {
            throw new RouteMessageException(layout.system() + " routing message of " + (end - start)
                    + " bytes cannot hold a header of " + header);
        }
        return header;
    }

    /** [offset, sa_len] of each sockaddr present, indexed by RTAX_*. */
    int[][] sockaddrs(byte[] b, int cursor, int end, int addrs) throws RouteMessageException {
        int[][] slots = new int[RTAX_MAX][];
        for (int i = 0; i < RTAX_MAX; i++) {
            if ((addrs & (1 << i)) == 0) {
                continue;
            }
            if (cursor >= end) {
                throw new RouteMessageException("sockaddr " + i + " of the routing message is missing");
            }
            int saLen = b[cursor] & 0xff;
            if (saLen > end - cursor) {
                throw new RouteMessageException("sockaddr " + i + " of " + saLen + " bytes runs past the message");
            }
            slots[i] = new int[] {cursor, saLen};
            cursor += saLen == 0 ? layout.align() : ((saLen + layout.align() - 1) / layout.align()) * layout.align();
        }
        return slots;
    }

    Optional<InetAddress> inetAddress(byte[] b, int[] slot) throws RouteMessageException {
        int at = slot[0];
        int saLen = slot[1];
        if (saLen < 2) {
            return Optional.empty();
        }
        int family = b[at + 1] & 0xff;
        byte[] bytes;
        if (family == BsdSockaddr.AF_INET) {
            bytes = copy(b, at, saLen, 4, 4);
        } else if (family == layout.sockaddr().afInet6()) {
            bytes = copy(b, at, saLen, 8, 16);
            if ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0x80) {
                // KAME: the kernel embeds the scope (interface index) in bytes 2-3 of a link-local address.
                bytes[2] = 0;
                bytes[3] = 0;
            }
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(BsdSockaddr.address(bytes));
        } catch (WgCodecException e) {
            throw new RouteMessageException(e.getMessage());
        }
    }

    /** Netmasks come truncated after their last non-zero byte; the missing bytes are zeros. */
    private static int prefixLength(byte[] b, int[] slot, int max) throws RouteMessageException {
        int dataAt = max == 32 ? 4 : 8;
        byte[] mask = copy(b, slot[0], slot[1], dataAt, max / 8);
        int length = 0;
        boolean ended = false;
        for (byte value : mask) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = (value & (1 << bit)) != 0;
                if (one && ended) {
                    throw new RouteMessageException("netmask with holes in it");
                }
                if (one) {
                    length++;
                } else {
                    ended = true;
                }
            }
        }
        return length;
    }

    /** {@code count} bytes from {@code from} within a sockaddr of {@code saLen}, zero beyond it. */
    private static byte[] copy(byte[] b, int at, int saLen, int from, int count) {
        byte[] out = new byte[count];
        int available = Math.max(0, Math.min(count, saLen - from));
        if (available > 0) {
            System.arraycopy(b, at + from, out, 0, available);
        }
        return out;
    }

    private String name(byte[] b, int[] ifp, int index) {
        if (ifp != null && ifp[1] >= 8 && (b[ifp[0] + 1] & 0xff) == AF_LINK) {
            // struct sockaddr_dl { u_char sdl_len, sdl_family; u_short sdl_index; u_char sdl_type,
            // sdl_nlen, sdl_alen, sdl_slen; char sdl_data[]; }: the name starts sdl_data.
            int nameLength = b[ifp[0] + 5] & 0xff;
            if (nameLength > 0 && 8 + nameLength <= ifp[1]) {
                return new String(b, ifp[0] + 8, nameLength, StandardCharsets.US_ASCII);
            }
        }
        return names.apply(index).orElse("ifindex-" + index);
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    static int i32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
