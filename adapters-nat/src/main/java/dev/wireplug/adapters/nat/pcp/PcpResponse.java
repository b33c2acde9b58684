package dev.wireplug.adapters.nat.pcp;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A decoded PCP reply (RFC 6887 section 7.2), with the MAP body when the opcode is MAP. */
public sealed interface PcpResponse {

    /**
     * A version-0 reply (NAT-PMP's layout) to our version-2 request: the gateway speaks only
     * NAT-PMP (RFC 6887 section 9: result 1 = unsupported version).
     */
    record NatPmpOnly(int resultCode) implements PcpResponse {}

    record Reply(int opcode, int resultCode, long lifetimeSeconds, long epochSeconds, Optional<MapBody> map,
            List<PcpOption> options) implements PcpResponse {
        public Reply {
            Objects.requireNonNull(map, "map");
            options = List.copyOf(options);
        }

        public boolean isSuccess() {
            return resultCode == PcpCodec.RESULT_SUCCESS;
        }
    }

    /** MAP response body: nonce, protocol, internal port, assigned external port and address. */
    record MapBody(byte[] nonce, int protocol, int internalPort, int externalPort, InetAddress externalAddress) {
        public MapBody {
            nonce = nonce.clone();
            Objects.requireNonNull(externalAddress, "externalAddress");
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        public boolean nonceMatches(byte[] expected) {
            return java.security.MessageDigest.isEqual(nonce, expected);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MapBody m && Arrays.equals(m.nonce, nonce) && m.protocol == protocol
                    && m.internalPort == internalPort && m.externalPort == externalPort
                    && m.externalAddress.equals(externalAddress);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(nonce), protocol, internalPort, externalPort, externalAddress);
        }
    }
}
