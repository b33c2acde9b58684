package dev.wireplug.adapters.wireguard.bsd;

import dev.wireplug.domain.net.Endpoint;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The BSD socket addresses a WireGuard endpoint travels in. Every BSD (and macOS) starts each
 * sockaddr with a length byte, unlike Linux:
 *
 * <pre>
 * struct sockaddr_in  { uint8_t sin_len; sa_family_t sin_family; in_port_t sin_port;
 *                       struct in_addr sin_addr; char sin_zero[8]; };                 16 bytes
 * struct sockaddr_in6 { uint8_t sin6_len; sa_family_t sin6_family; in_port_t sin6_port;
 *                       uint32_t sin6_flowinfo; struct in6_addr sin6_addr;
 *                       uint32_t sin6_scope_id; };                                    28 bytes
 * </pre>
 *
 * (netinet/in.h and netinet6/in6.h of OpenBSD, FreeBSD and macOS: the same layout on all three.)
 * The port and address are in network byte order; flowinfo is left zero. What differs is the
 * number of AF_INET6: 24 on OpenBSD, 28 on FreeBSD, 30 on macOS (sys/socket.h of each); AF_INET is
 * 2 everywhere.
 */
public final class BsdSockaddr {
    public static final int AF_INET = 2;
    public static final int SOCKADDR_IN_SIZE = 16;
    public static final int SOCKADDR_IN6_SIZE = 28;

    /** OpenBSD sys/sys/socket.h: {@code #define AF_INET6 24}. */
    public static final BsdSockaddr OPENBSD = new BsdSockaddr(24);
    /** FreeBSD sys/sys/socket.h: {@code #define AF_INET6 28}. */
    public static final BsdSockaddr FREEBSD = new BsdSockaddr(28);
    /** macOS (xnu bsd/sys/socket.h): {@code #define AF_INET6 30}. */
    public static final BsdSockaddr DARWIN = new BsdSockaddr(30);

    private final int afInet6;

    private BsdSockaddr(int afInet6) {
        this.afInet6 = afInet6;
    }

    public int afInet6() {
        return afInet6;
    }

    /** The sockaddr_in (16 bytes) or sockaddr_in6 (28 bytes) for an endpoint. */
    public byte[] encode(Endpoint endpoint) {
        byte[] address = endpoint.address().getAddress();
        boolean v6 = address.length == 16;
        byte[] out = new byte[v6 ? SOCKADDR_IN6_SIZE : SOCKADDR_IN_SIZE];
        out[0] = (byte) out.length;
        out[1] = (byte) (v6 ? afInet6 : AF_INET);
        out[2] = (byte) (endpoint.port() >>> 8);
        out[3] = (byte) endpoint.port();
        if (v6) {
            System.arraycopy(address, 0, out, 8, 16);
            int scope = ((Inet6Address) endpoint.address()).getScopeId();
            // sin6_scope_id is a host-order uint32: little-endian on every platform we build for.
            out[24] = (byte) scope;
            out[25] = (byte) (scope >>> 8);
            out[26] = (byte) (scope >>> 16);
            out[27] = (byte) (scope >>> 24);
        } else {
            System.arraycopy(address, 0, out, 4, 4);
        }
        return out;
    }

    /**
     * Reads a sockaddr at {@code offset}, with at most {@code available} bytes of it present. A
     * family of 0 (AF_UNSPEC, what the kernel leaves when a peer has no endpoint) or a port of 0
     * gives empty.
     */
    public Optional<Endpoint> decode(byte[] data, int offset, int available) throws WgCodecException {
        if (available < 2 || offset < 0 || offset + 2 > data.length) {
            throw new WgCodecException("sockaddr truncated: " + available + " bytes");
        }
        int family = data[offset + 1] & 0xff;
        if (family == 0) {
            return Optional.empty();
        }
        int needed;
        if (family == AF_INET) {
            needed = SOCKADDR_IN_SIZE;
        } else if (family == afInet6) {
            needed = SOCKADDR_IN6_SIZE;
        } else {
            throw new WgCodecException("sockaddr has address family " + family + ", neither AF_INET (2) nor AF_INET6 ("
                    + afInet6 + ")");
        }
        if (available < needed || offset + needed > data.length) {
            throw new WgCodecException("sockaddr of family " + family + " needs " + needed + " bytes, has "
                    + Math.min(available, data.length - offset));
        }
        int port = ((data[offset + 2] & 0xff) << 8) | (data[offset + 3] & 0xff);
        if (port == 0) {
            return Optional.empty();
        }
        try {
            InetAddress address;
            if (family == AF_INET) {
                byte[] bytes = new byte[4];
                System.arraycopy(data, offset + 4, bytes, 0, 4);
                address = InetAddress.getByAddress(bytes);
            } else {
                byte[] bytes = new byte[16];
                System.arraycopy(data, offset + 8, bytes, 0, 16);
                int scope = (data[offset + 24] & 0xff) | (data[offset + 25] & 0xff) << 8
                        | (data[offset + 26] & 0xff) << 16 | (data[offset + 27] & 0xff) << 24;
                address = Inet6Address.getByAddress(null, bytes, scope > 0 ? scope : -1);
            }
            return Optional.of(new Endpoint(address, port));
        } catch (UnknownHostException e) {
            throw new WgCodecException("bad address in sockaddr: " + e.getMessage());
        }
    }

    /**
     * An address from its 4 or 16 network-order bytes. Sixteen bytes always give an IPv6 address,
     * even {@code ::ffff:a.b.c.d}: {@code InetAddress.getByAddress} would fold that into IPv4 and
     * make a /96 allowed IP impossible to represent.
     */
    public static InetAddress address(byte[] bytes) throws WgCodecException {
        try {
            if (bytes.length == 16) {
                return Inet6Address.getByAddress(null, bytes, -1);
            }
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes);
            }
        } catch (UnknownHostException e) {
            throw new WgCodecException("bad address: " + e.getMessage());
        }
        throw new WgCodecException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }
}
