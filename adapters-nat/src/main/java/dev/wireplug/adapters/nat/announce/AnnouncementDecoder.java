package dev.wireplug.adapters.nat.announce;

import dev.wireplug.adapters.nat.natpmp.NatPmpCodec;
import dev.wireplug.adapters.nat.natpmp.NatPmpException;
import dev.wireplug.adapters.nat.natpmp.NatPmpReply;
import dev.wireplug.adapters.nat.pcp.PcpCodec;
import dev.wireplug.adapters.nat.pcp.PcpException;
import dev.wireplug.adapters.nat.pcp.PcpResponse;
import dev.wireplug.domain.nat.MappingMethod;
import java.util.Optional;

/**
 * The epoch in an announcement datagram: a NAT-PMP public-address notice (RFC 6886 3.2.1, the
 * opcode-128 reply layout) or a PCP ANNOUNCE response (RFC 6887 14.1.3). Anything else: empty.
 */
final class AnnouncementDecoder {
    private AnnouncementDecoder() {}

    /** Whose epoch it is, and its value. */
    record Announcement(MappingMethod method, long epochSeconds) {}

    static Optional<Announcement> decode(byte[] data) {
        if (data.length == 0) {
            return Optional.empty();
        }
        try {
            if (data[0] == NatPmpCodec.VERSION) {
                return NatPmpCodec.decode(data) instanceof NatPmpReply.ExternalAddress a && a.isSuccess()
                        ? Optional.of(new Announcement(MappingMethod.NATPMP, a.epochSeconds())) : Optional.empty();
            }
            return PcpCodec.decode(data) instanceof PcpResponse.Reply r && r.opcode() == PcpCodec.OP_ANNOUNCE
                    && r.isSuccess() ? Optional.of(new Announcement(MappingMethod.PCP, r.epochSeconds())) : Optional.empty();
        } catch (NatPmpException | PcpException e) {
            return Optional.empty();
        }
    }
}
