package dev.wireplug.adapters.wireguard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Netlink framing shared by generic netlink (WireGuard) and rtnetlink: message headers and
 * attributes, from include/uapi/linux/netlink.h. Netlink is in host byte order; addresses and
 * ports inside attributes stay in network order.
 */
final class Netlink {
    static final ByteOrder ORDER = ByteOrder.nativeOrder();

    static final int NLMSG_HDRLEN = 16;
    static final int NLA_HDRLEN = 4;
    static final int NLA_ALIGNTO = 4;
    static final int NLA_F_NESTED = 1 << 15;
    static final int NLA_F_NET_BYTEORDER = 1 << 14;
    static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;

    static final int NLM_F_REQUEST = 0x01;
    static final int NLM_F_MULTI = 0x02;
    static final int NLM_F_ACK = 0x04;
    static final int NLM_F_ROOT = 0x100;
    static final int NLM_F_MATCH = 0x200;
    static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    /** For NEW requests: create if missing, fail if present (rtnetlink). */
    static final int NLM_F_REPLACE = 0x100;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;

    private Netlink() {}

    static int align(int length) {
        return (length + NLA_ALIGNTO - 1) & ~(NLA_ALIGNTO - 1);
    }

    /** One message of a datagram: header fields and its payload (after the 16-byte header). */
    record Message(int type, int flags, int seq, int pid, ByteBuffer payload) {
        boolean isError() {
            return type == NLMSG_ERROR;
        }
    }

    /** Splits a datagram into its messages; lengths are checked against what is there. */
    static List<Message> messages(ByteBuffer datagram) throws NetlinkFormatException {
        ByteBuffer in = datagram.slice().order(ORDER);
        List<Message> out = new ArrayList<>();
        while (in.remaining() >= NLMSG_HDRLEN) {
            int start = in.position();
            int length = in.getInt(start);
            if (length < NLMSG_HDRLEN || length > in.remaining()) {
                throw new NetlinkFormatException("netlink message length " + Integer.toUnsignedString(length)
                        + " does not fit the " + in.remaining() + " bytes left");
            }
            int type = Short.toUnsignedInt(in.getShort(start + 4));
            int flags = Short.toUnsignedInt(in.getShort(start + 6));
            int seq = in.getInt(start + 8);
            int pid = in.getInt(start + 12);
            ByteBuffer payload = in.slice(start + NLMSG_HDRLEN, length - NLMSG_HDRLEN).order(ORDER);
            out.add(new Message(type, flags, seq, pid, payload));
            in.position(Math.min(in.limit(), start + align(length)));
        }
        if (in.hasRemaining()) {
            throw new NetlinkFormatException(in.remaining() + " stray bytes after the last netlink message");
        }
        return out;
    }

    /**
     * The errno of an NLMSG_ERROR message (struct nlmsgerr: int error, then the request's header);
     * 0 is an acknowledgement.
     */
    static int errorCode(Message message) throws NetlinkFormatException {
        if (message.payload().remaining() < 4) {
            throw new NetlinkFormatException("NLMSG_ERROR without its error code");
        }
        return -message.payload().getInt(0);
    }

    /** One attribute: type without the NESTED / NET_BYTEORDER bits, and its unpadded payload. */
    record Attribute(int type, ByteBuffer value) {
        int u8() throws NetlinkFormatException {
            need(1);
            return Byte.toUnsignedInt(value.get(0));
        }

        int u16() throws NetlinkFormatException {
            need(2);
            return Short.toUnsignedInt(value.getShort(0));
        }

        int u32() throws NetlinkFormatException {
            need(4);
            return value.getInt(0);
        }

        long u64() throws NetlinkFormatException {
            need(8);
            return value.getLong(0);
        }

        byte[] bytes() {
            byte[] out = new byte[value.remaining()];
            value.get(0, out);
            return out;
        }

        /** A NUL-terminated string; the NUL is optional, as the kernel's nla_strscpy allows. */
        String string() {
            byte[] b = bytes();
            int end = 0;
            while (end < b.length && b[end] != 0) {
                end++;
            }
            return new String(b, 0, end, java.nio.charset.StandardCharsets.UTF_8);
        }

        List<Attribute> nested() throws NetlinkFormatException {
            return attributes(value);
        }

        private void need(int n) throws NetlinkFormatException {
            if (value.remaining() < n) {
                throw new NetlinkFormatException("attribute " + type + " has " + value.remaining()
                        + " bytes, needs " + n);
            }
        }
    }

    /** Walks the attributes of a buffer (from its position to its limit). */
    static List<Attribute> attributes(ByteBuffer buffer) throws NetlinkFormatException {
        ByteBuffer in = buffer.slice().order(ORDER);
        List<Attribute> out = new ArrayList<>();
        while (in.remaining() >= NLA_HDRLEN) {
            int start = in.position();
            int length = Short.toUnsignedInt(in.getShort(start));
            int type = Short.toUnsignedInt(in.getShort(start + 2)) & NLA_TYPE_MASK;
            if (length < NLA_HDRLEN || length > in.remaining()) {
                throw new NetlinkFormatException("attribute length " + length + " does not fit the "
                        + in.remaining() + " bytes left");
            }
            out.add(new Attribute(type, in.slice(start + NLA_HDRLEN, length - NLA_HDRLEN).order(ORDER)));
            in.position(Math.min(in.limit(), start + align(length)));
        }
        if (in.hasRemaining()) {
            throw new NetlinkFormatException(in.remaining() + " stray bytes after the last attribute");
        }
        return out;
    }
}
