package dev.wireplug.adapters.wireguard;

import dev.wireplug.adapters.wireguard.jna.linux.NetlinkSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Request / answer exchanges on one rtnetlink socket: dumps and acknowledged changes. */
final class RtnetlinkRequests {
    private final NetlinkSocket socket;
    private int seq;

    RtnetlinkRequests(NetlinkSocket socket, int firstSeq) {
        this.socket = socket;
        this.seq = firstSeq;
    }

    int nextSeq() {
        return ++seq;
    }

    /** Every message of a dump of links, addresses or routes, decoded. */
    List<RtnetlinkCodec.Event> dump(int type) throws IOException, NetlinkFormatException {
        int request = nextSeq();
        socket.send(RtnetlinkCodec.dumpRequest(type, request));
        List<RtnetlinkCodec.Event> out = new ArrayList<>();
        while (true) {
            for (Netlink.Message m : Netlink.messages(ByteBuffer.wrap(socket.receive()))) {
                if (m.seq() != request) {
                    continue;
                }
                if (m.type() == Netlink.NLMSG_DONE) {
                    return out;
                }
                if (m.isError()) {
                    int errno = Netlink.errorCode(m);
                    throw new NetlinkFormatException("rtnetlink dump answered " + Errno.describe(errno), errno);
                }
                Optional<RtnetlinkCodec.Event> event = RtnetlinkCodec.decode(m);
                event.ifPresent(out::add);
            }
        }
    }

    /** Sends a request with NLM_F_ACK and returns the kernel's errno (0 = done). */
    int change(byte[] request) throws IOException, NetlinkFormatException {
        int requestSeq = ByteBuffer.wrap(request).order(Netlink.ORDER).getInt(8);
        socket.send(request);
        while (true) {
            for (Netlink.Message m : Netlink.messages(ByteBuffer.wrap(socket.receive()))) {
                if (m.seq() == requestSeq && m.isError()) {
                    return Netlink.errorCode(m);
                }
            }
        }
    }

    static <T> List<T> only(List<RtnetlinkCodec.Event> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
