package dev.wireplug.adapters.wireguard;

import dev.wireplug.domain.net.IpPrefix;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * rtnetlink messages (include/uapi/linux/rtnetlink.h, if_link.h, if_addr.h): the requests an
 * interface configurator and a monitor send, and the link / address / route messages the kernel
 * sends back or multicasts. Pure bytes.
 */
final class RtnetlinkCodec {
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_GETROUTE = 26;

    static final int RTMGRP_LINK = 0x1;
    static final int RTMGRP_IPV4_IFADDR = 0x10;
    static final int RTMGRP_IPV4_ROUTE = 0x40;
    static final int RTMGRP_IPV6_IFADDR = 0x100;
    static final int RTMGRP_IPV6_ROUTE = 0x400;
    static final int MONITOR_GROUPS = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR | RTMGRP_IPV4_ROUTE
            | RTMGRP_IPV6_ROUTE;

    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    // struct ifinfomsg and if_link.h
    static final int IFF_UP = 0x1;
    static final int IFF_LOOPBACK = 0x8;
    static final int IFF_RUNNING = 0x40;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_INFO_KIND = 1;

    // struct ifaddrmsg and if_addr.h
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;

    // struct rtmsg
    static final int RT_TABLE_MAIN = 254;
    static final int RTPROT_BOOT = 3;
    static final int RT_SCOPE_UNIVERSE = 0;
    static final int RT_SCOPE_LINK = 253;
    static final int RTN_UNICAST = 1;
    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_TABLE = 15;

    private RtnetlinkCodec() {}

    /** A dump of every link, address or route (type RTM_GETLINK / GETADDR / GETROUTE). */
    static byte[] dumpRequest(int type, int seq) {
        NetlinkWriter w = new NetlinkWriter(64, type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq, 0);
        w.header(switch (type) {
            case RTM_GETLINK -> new byte[16]; // struct ifinfomsg, family AF_UNSPEC
            case RTM_GETADDR -> new byte[8]; // struct ifaddrmsg
            case RTM_GETROUTE -> new byte[12]; // struct rtmsg
            default -> throw new IllegalArgumentException("not a dump request type: " + type);
        });
        return w.finish();
    }

    /** {@code ip link set dev IF up [mtu N]}: RTM_NEWLINK on an existing index. */
    static byte[] setLink(int seq, int index, boolean up, Optional<Integer> mtu) {
        NetlinkWriter w = new NetlinkWriter(64, RTM_NEWLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, seq, 0);
        ByteBuffer ifi = ByteBuffer.allocate(16).order(Netlink.ORDER);
        ifi.put((byte) AF_UNSPEC).put((byte) 0).putShort((short) 0).putInt(index).putInt(up ? IFF_UP : 0).putInt(IFF_UP);
        w.header(ifi.array());
        mtu.ifPresent(m -> w.putU32(IFLA_MTU, m));
        return w.finish();
    }

    /**
     * {@code ip addr replace ADDR/LEN dev IF} (RTM_NEWADDR, CREATE|REPLACE, so it is idempotent) or
     * {@code ip addr del} (RTM_DELADDR): IFA_LOCAL and IFA_ADDRESS both the address, as iproute2
     * sends them for an address without a peer.
     */
    static byte[] address(int seq, boolean add, int index, IpPrefix prefix) {
        int flags = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | (add ? Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE : 0);
        NetlinkWriter w = new NetlinkWriter(128, add ? RTM_NEWADDR : RTM_DELADDR, flags, seq, 0);
        ByteBuffer ifa = ByteBuffer.allocate(8).order(Netlink.ORDER);
        ifa.put((byte) family(prefix)).put((byte) prefix.length()).put((byte) 0).put((byte) RT_SCOPE_UNIVERSE)
                .putInt(index);
        w.header(ifa.array());
        byte[] address = prefix.address().getAddress();
        w.put(IFA_LOCAL, address);
        w.put(IFA_ADDRESS, address);
        return w.finish();
    }

    /**
     * {@code ip route replace PREFIX dev IF} in the main table (RTM_NEWROUTE, CREATE|REPLACE) or
     * {@code ip route del}: a unicast route of link scope through the interface, as iproute2 makes
     * for a route without a gateway.
     */
    static byte[] route(int seq, boolean add, int index, IpPrefix prefix) {
        int flags = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | (add ? Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE : 0);
        NetlinkWriter w = new NetlinkWriter(128, add ? RTM_NEWROUTE : RTM_DELROUTE, flags, seq, 0);
        ByteBuffer rtm = ByteBuffer.allocate(12).order(Netlink.ORDER);
        rtm.put((byte) family(prefix)).put((byte) prefix.length()).put((byte) 0).put((byte) 0)
                .put((byte) RT_TABLE_MAIN).put((byte) RTPROT_BOOT).put((byte) RT_SCOPE_LINK).put((byte) RTN_UNICAST)
                .putInt(0);
        w.header(rtm.array());
        w.put(RTA_DST, prefix.network().address().getAddress());
        w.putU32(RTA_OIF, index);
        return w.finish();
    }

    private static int family(IpPrefix prefix) {
        return prefix.isIpv4() ? AF_INET : AF_INET6;
    }

    /** What one rtnetlink message says, for the types a monitor cares about. */
    sealed interface Event {
        record Link(int index, String name, int flags, Optional<String> kind, boolean deleted) implements Event {
            boolean up() {
                return !deleted && (flags & IFF_UP) != 0 && (flags & IFF_RUNNING) != 0;
            }

            boolean loopback() {
                return (flags & IFF_LOOPBACK) != 0;
            }
        }

        record Address(int index, IpPrefix prefix, Optional<String> label, boolean added) implements Event {}

        record Route(int index, int family, int dstLength, int table, Optional<InetAddress> gateway, boolean added)
                implements Event {
            boolean isDefault() {
                return dstLength == 0 && table == RT_TABLE_MAIN;
            }
        }
    }

    /** Decodes a link, address or route message; other types give empty. */
    static Optional<Event> decode(Netlink.Message m) throws NetlinkFormatException {
        ByteBuffer p = m.payload();
        return switch (m.type()) {
            case RTM_NEWLINK, RTM_DELLINK -> Optional.of(link(p, m.type() == RTM_DELLINK));
            case RTM_NEWADDR, RTM_DELADDR -> Optional.of(address(p, m.type() == RTM_NEWADDR));
            case RTM_NEWROUTE, RTM_DELROUTE -> Optional.of(route(p, m.type() == RTM_NEWROUTE));
            default -> Optional.empty();
        };
    }

    private static void need(ByteBuffer p, int length, String what) throws NetlinkFormatException {
        if (p.remaining() < length) {
            throw new NetlinkFormatException(what + " needs " + length + " bytes, got " + p.remaining());
        }
    }

    private static ByteBuffer after(ByteBuffer p, int header) {
        return p.slice(header, p.remaining() - header).order(Netlink.ORDER);
    }

    private static Event.Link link(ByteBuffer p, boolean deleted) throws NetlinkFormatException {
        need(p, 16, "struct ifinfomsg");
        int index = p.getInt(4);
        int flags = p.getInt(8);
        String name = "if" + index;
        Optional<String> kind = Optional.empty();
        for (Netlink.Attribute a : Netlink.attributes(after(p, 16))) {
            if (a.type() == IFLA_IFNAME) {
                name = a.string();
            } else if (a.type() == IFLA_LINKINFO) {
                for (Netlink.Attribute info : a.nested()) {
                    if (info.type() == IFLA_INFO_KIND) {
                        kind = Optional.of(info.string());
                    }
                }
            }
        }
        return new Event.Link(index, name, flags, kind, deleted);
    }

    private static Event.Address address(ByteBuffer p, boolean added) throws NetlinkFormatException {
        need(p, 8, "struct ifaddrmsg");
        int family = Byte.toUnsignedInt(p.get(0));
        int length = Byte.toUnsignedInt(p.get(1));
        int index = p.getInt(4);
        byte[] local = null;
        byte[] address = null;
        Optional<String> label = Optional.empty();
        for (Netlink.Attribute a : Netlink.attributes(after(p, 8))) {
            switch (a.type()) {
                case IFA_LOCAL -> local = a.bytes();
                case IFA_ADDRESS -> address = a.bytes();
                case IFA_LABEL -> label = Optional.of(a.string());
                default -> {
                    // IFA_BROADCAST, IFA_CACHEINFO, IFA_FLAGS...
                }
            }
        }
        // For IPv4 IFA_ADDRESS is the peer on point-to-point links; IFA_LOCAL is ours when present.
        byte[] mine = local != null ? local : address;
        if (mine == null) {
            throw new NetlinkFormatException("address message without IFA_LOCAL or IFA_ADDRESS");
        }
        return new Event.Address(index, prefix(family, mine, length), label, added);
    }

    private static Event.Route route(ByteBuffer p, boolean added) throws NetlinkFormatException {
        need(p, 12, "struct rtmsg");
        int family = Byte.toUnsignedInt(p.get(0));
        int dstLength = Byte.toUnsignedInt(p.get(1));
        int table = Byte.toUnsignedInt(p.get(4));
        int index = 0;
        Optional<InetAddress> gateway = Optional.empty();
        for (Netlink.Attribute a : Netlink.attributes(after(p, 12))) {
            switch (a.type()) {
                case RTA_OIF -> index = a.u32();
                case RTA_TABLE -> table = a.u32();
                case RTA_GATEWAY -> gateway = Optional.of(address(family, a.bytes()));
                default -> {
                    // RTA_DST, RTA_PRIORITY, RTA_PREFSRC, RTA_MULTIPATH...
                }
            }
        }
        return new Event.Route(index, family, dstLength, table, gateway, added);
    }

    private static IpPrefix prefix(int family, byte[] bytes, int length) throws NetlinkFormatException {
        InetAddress address = address(family, bytes);
        if (length > bytes.length * 8) {
            throw new NetlinkFormatException("prefix length " + length + " for a " + bytes.length + "-byte address");
        }
        return new IpPrefix(address, length);
    }

    private static InetAddress address(int family, byte[] bytes) throws NetlinkFormatException {
        try {
            if (family == AF_INET && bytes.length == 4) {
                return Inet4Address.getByAddress(bytes);
            }
            if (family == AF_INET6 && bytes.length == 16) {
                // Built directly so ::ffff:a.b.c.d stays IPv6 (getByAddress would turn it into IPv4).
                return Inet6Address.getByAddress(null, bytes, -1);
            }
        } catch (UnknownHostException e) {
            throw new NetlinkFormatException("bad address: " + e.getMessage());
        }
        throw new NetlinkFormatException("address of " + bytes.length + " bytes for family " + family);
    }
}
