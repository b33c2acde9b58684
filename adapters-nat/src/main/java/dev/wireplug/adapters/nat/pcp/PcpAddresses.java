package dev.wireplug.adapters.nat.pcp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * PCP carries every address in 16 bytes, IPv4 as the IPv4-mapped IPv6 address {@code ::ffff:a.b.c.d}
 * (RFC 6887 section 5). Built by hand: {@code InetAddress.getByAddress} turns a mapped address
 * into an {@code Inet4Address}, so it cannot produce these bytes.
 */
public final class PcpAddresses {
    /** {@code ::ffff:0.0.0.0}: "no preference" for an IPv4 suggested external address. */
    public static final byte[] IPV4_UNSPECIFIED = toBytes16(ipv4Any());

    private PcpAddresses() {}

    public static byte[] toBytes16(InetAddress address) {
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address) {
            return raw.clone();
        }
        byte[] out = new byte[16];
        out[10] = (byte) 0xFF;
        out[11] = (byte) 0xFF;
        System.arraycopy(raw, 0, out, 12, 4);
        return out;
    }

    /** The 16 bytes back as an address: a mapped one becomes the {@code Inet4Address}. */
    public static InetAddress fromBytes16(byte[] b) {
        if (b.length != 16) {
            throw new IllegalArgumentException("PCP addresses are 16 bytes, got " + b.length);
        }
        try {
            if (isIpv4Mapped(b)) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            }
            return Inet6Address.getByAddress(null, b, null);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }

    public static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }

    private static Inet4Address ipv4Any() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
