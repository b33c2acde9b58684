package dev.wireplug.adapters.wireguard;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one netlink message in a buffer of a fixed capacity, as libmnl does: attributes padded to
 * NLA_ALIGNTO, nests with NLA_F_NESTED whose length is patched when they end, and "check"
 * variants that refuse (and leave the message as it was) when the attribute would not fit, so a
 * large change can be split across messages.
 */
final class NetlinkWriter {
    private final ByteBuffer buffer;

    /** Starts a message: the 16-byte header, its length filled in by {@link #finish()}. */
    NetlinkWriter(int capacity, int type, int flags, int seq, int pid) {
        buffer = ByteBuffer.allocate(capacity).order(Netlink.ORDER);
        buffer.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(pid);
    }

    /** The generic netlink header: command, version, two reserved bytes. */
    NetlinkWriter genl(int cmd, int version) {
        buffer.put((byte) cmd).put((byte) version).putShort((short) 0);
        return this;
    }

    /** Raw bytes of a fixed header (struct ifaddrmsg, rtmsg, ifinfomsg), padded to 4. */
    NetlinkWriter header(byte[] bytes) {
        buffer.put(bytes);
        pad();
        return this;
    }

    int position() {
        return buffer.position();
    }

    boolean fits(int payloadLength) {
        return buffer.remaining() >= Netlink.align(Netlink.NLA_HDRLEN + payloadLength);
    }

    boolean put(int type, byte[] value) {
        if (!fits(value.length)) {
            return false;
        }
        buffer.putShort((short) (Netlink.NLA_HDRLEN + value.length)).putShort((short) type).put(value);
        pad();
        return true;
    }

    boolean putU8(int type, int value) {
        return put(type, new byte[] {(byte) value});
    }

    boolean putU16(int type, int value) {
        return put(type, ByteBuffer.allocate(2).order(Netlink.ORDER).putShort((short) value).array());
    }

    boolean putU32(int type, int value) {
        return put(type, ByteBuffer.allocate(4).order(Netlink.ORDER).putInt(value).array());
    }

    /** A string with its terminating NUL (libmnl's mnl_attr_put_strz). */
    boolean putString(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        return put(type, Arrays.copyOf(text, text.length + 1));
    }

    /** Starts a nest; returns its start, or -1 when not even its header fits. */
    int nestStart(int type) {
        if (!fits(0)) {
            return -1;
        }
        int start = buffer.position();
        buffer.putShort((short) 0).putShort((short) (type | Netlink.NLA_F_NESTED));
        return start;
    }

    void nestEnd(int start) {
        buffer.putShort(start, (short) (buffer.position() - start));
    }

    /** Drops a nest and everything put into it since it started. */
    void nestCancel(int start) {
        Arrays.fill(buffer.array(), start, buffer.position(), (byte) 0);
        buffer.position(start);
    }

    byte[] finish() {
        buffer.putInt(0, buffer.position());
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private void pad() {
        while (buffer.position() % Netlink.NLA_ALIGNTO != 0) {
            buffer.put((byte) 0);
        }
    }
}
