package dev.wireplug.domain.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An address with a prefix length, as in AllowedIPs ({@code 10.0.0.0/24}) or Address
 * ({@code 10.0.0.2/24}, where host bits are meaningful and so are kept).
 */
public record IpPrefix(InetAddress address, int length) {
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int max = maxLength(address);
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " is outside 0-" + max);
        }
    }

    /** Parses {@code a.b.c.d/n} or {@code x::y/n}; a bare address means a single host. */
    public static IpPrefix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing CIDR prefix");
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        InetAddress address = IpAddresses.parse(slash < 0 ? s : s.substring(0, slash));
        if (slash < 0) {
            return new IpPrefix(address, maxLength(address));
        }
        String bits = s.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + s + "' has a bad prefix length '" + bits + "'");
        }
        int length = Integer.parseInt(bits);
        if (length > maxLength(address)) {
            throw new IllegalArgumentException("'" + s + "': prefix length " + length + " is more than "
                    + maxLength(address));
        }
        return new IpPrefix(address, length);
    }

    private static int maxLength(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    /** The prefix with its host bits cleared. */
    public IpPrefix network() {
        byte[] bytes = masked(address.getAddress(), length);
        try {
            return new IpPrefix(InetAddress.getByAddress(bytes), length);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean contains(InetAddress candidate) {
        byte[] mine = address.getAddress();
        byte[] theirs = candidate.getAddress();
        return mine.length == theirs.length
                && java.util.Arrays.equals(masked(mine, length), masked(theirs, length));
    }

    /** True when the two prefixes share at least one address. */
    public boolean overlaps(IpPrefix other) {
        return contains(other.address) || other.contains(address);
    }

    private static byte[] masked(byte[] bytes, int length) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, length - 8 * i));
            out[i] = (byte) (out[i] & (0xff << (8 - bitsHere)));
        }
        return out;
    }

    @Override
    public String toString() {
        return IpAddresses.format(address) + "/" + length;
    }
}
