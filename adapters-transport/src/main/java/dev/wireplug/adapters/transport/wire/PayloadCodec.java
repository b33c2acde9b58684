package dev.wireplug.adapters.transport.wire;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.endpoint.DirectPathReport;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@link Payload} to bytes and back; strict (no trailing bytes, no unknown codes). */
public final class PayloadCodec {
    public static final int KIND_HELLO = 0x01;
    public static final int KIND_WELCOME = 0x02;
    public static final int KIND_ANNOUNCE = 0x03;
    public static final int KIND_ANNOUNCE_ACK = 0x04;
    public static final int KIND_PEER_INFO = 0x05;
    public static final int KIND_KEEPALIVE = 0x06;
    public static final int KIND_ERROR = 0x07;
    public static final int KIND_PATH_CHALLENGE = 0x08;
    public static final int KIND_PATH_RESPONSE = 0x09;
    public static final int KIND_PUSH = 0x0a;
    public static final int KIND_PUSH_ACK = 0x0b;
    public static final int KIND_PATH_REPORT = 0x0c;

    private static final int FLAG_APPEND = 0x01;

    private PayloadCodec() {}

    public static byte[] encode(Payload payload) {
        ByteWriter out = new ByteWriter();
        switch (payload) {
            case Payload.Hello p -> {
                out.u8(KIND_HELLO);
                p.timestamp().writeTo(out);
                announceBody(out, p.announce());
            }
            case Payload.Announce p -> announceBody(out.u8(KIND_ANNOUNCE), p);
            case Payload.Welcome p -> {
                endpoint(out.u8(KIND_WELCOME), p.observed());
                out.u16(p.keepaliveSeconds()).u16(p.recordTtlSeconds());
            }
            case Payload.AnnounceAck p -> out.u8(KIND_ANNOUNCE_ACK).u32(p.sequence()).u16(p.peers());
            case Payload.PeerInfo p -> peerView(out.u8(KIND_PEER_INFO), p.view());
            case Payload.Push p -> peerView(out.u8(KIND_PUSH).u32(p.id()), p.view());
            case Payload.PushAck p -> out.u8(KIND_PUSH_ACK).u32(p.id());
            case Payload.PathReport p -> out.u8(KIND_PATH_REPORT).bytes(p.peer().bytes()).u8(reportCode(p.report()));
            case Payload.Keepalive p -> out.u8(KIND_KEEPALIVE);
            case Payload.PathChallenge p -> out.u8(KIND_PATH_CHALLENGE).u64(p.data());
            case Payload.PathResponse p -> out.u8(KIND_PATH_RESPONSE).u64(p.data());
            case Payload.Error p -> {
                byte[] text = truncatedUtf8(p.text(), Payload.Error.MAX_TEXT_BYTES);
                out.u8(KIND_ERROR).u16(p.code()).u8(text.length).bytes(text);
            }
        }
        return out.toArray();
    }

    public static Payload decode(byte[] bytes) throws WireFormatException {
        ByteReader in = new ByteReader(bytes);
        int kind = in.u8();
        Payload payload = switch (kind) {
            case KIND_HELLO -> {
                Tai64n timestamp = Tai64n.readFrom(in);
                yield new Payload.Hello(timestamp, readAnnounceBody(in));
            }
            case KIND_ANNOUNCE -> readAnnounceBody(in);
            case KIND_WELCOME -> {
                Endpoint observed = readEndpoint(in);
                int keepalive = in.u16();
                int ttl = in.u16();
                if (keepalive == 0 || ttl == 0) {
                    throw new WireFormatException("zero timer in welcome");
                }
                yield new Payload.Welcome(observed, keepalive, ttl);
            }
            case KIND_ANNOUNCE_ACK -> new Payload.AnnounceAck(in.u32(), in.u16());
            case KIND_PEER_INFO -> new Payload.PeerInfo(readPeerView(in));
            case KIND_PUSH -> {
                int id = in.u32();
                yield new Payload.Push(id, readPeerView(in));
            }
            case KIND_PUSH_ACK -> new Payload.PushAck(in.u32());
            case KIND_PATH_REPORT -> {
                PublicKey peer = PublicKey.of(in.bytes(32));
                yield new Payload.PathReport(peer, readReport(in.u8()));
            }
            case KIND_KEEPALIVE -> new Payload.Keepalive();
            case KIND_PATH_CHALLENGE -> new Payload.PathChallenge(in.u64());
            case KIND_PATH_RESPONSE -> new Payload.PathResponse(in.u64());
            case KIND_ERROR -> {
                int code = in.u16();
                int length = in.u8();
                if (length > Payload.Error.MAX_TEXT_BYTES) {
                    throw new WireFormatException("error text too long");
                }
                yield new Payload.Error(code, utf8(in.bytes(length)));
            }
            default -> throw new WireFormatException("unknown payload kind " + kind);
        };
        in.end();
        return payload;
    }

    private static void peerView(ByteWriter out, PeerView v) {
        out.bytes(v.peer().bytes());
        endpoint(out, v.observed());
        out.u16(v.wireGuardPort()).u8(natCode(v.natKind()));
        optionalEndpoint(out, v.mapped());
        optionalEndpoint(out, v.relay());
        hint(out, v.hint());
    }

    private static PeerView readPeerView(ByteReader in) throws WireFormatException {
        PublicKey peer = PublicKey.of(in.bytes(32));
        Endpoint observed = readEndpoint(in);
        int port = port(in.u16());
        NatKind nat = readNat(in.u8());
        Optional<Endpoint> mapped = readOptionalEndpoint(in);
        Optional<Endpoint> relay = readOptionalEndpoint(in);
        SealedHint hint = readHint(in);
        return new PeerView(peer, observed, port, nat, mapped, hint, relay);
    }

    private static void announceBody(ByteWriter out, Payload.Announce a) {
        out.u32(a.sequence()).u16(a.wireGuardPort()).u8(natCode(a.natKind())).u8(a.append() ? FLAG_APPEND : 0);
        optionalEndpoint(out, a.mapped());
        out.u8(a.wants().size());
        for (Payload.WantedPeer wanted : a.wants()) {
            out.bytes(wanted.key().bytes());
            hint(out, wanted.hint());
        }
    }

    private static Payload.Announce readAnnounceBody(ByteReader in) throws WireFormatException {
        int sequence = in.u32();
        int port = port(in.u16());
        NatKind nat = readNat(in.u8());
        int flags = in.u8();
        if ((flags & ~FLAG_APPEND) != 0) {
            throw new WireFormatException("unknown announce flags " + flags);
        }
        Optional<Endpoint> mapped = readOptionalEndpoint(in);
        int count = in.u8();
        List<Payload.WantedPeer> wants = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            wants.add(new Payload.WantedPeer(PublicKey.of(in.bytes(32)), readHint(in)));
        }
        return new Payload.Announce(sequence, port, nat, mapped, (flags & FLAG_APPEND) != 0, wants);
    }

    static void endpoint(ByteWriter out, Endpoint endpoint) {
        byte[] address = endpoint.address().getAddress();
        out.u8(address.length == 4 ? 4 : 6).bytes(address).u16(endpoint.port());
    }

    static void optionalEndpoint(ByteWriter out, Optional<Endpoint> endpoint) {
        if (endpoint.isPresent()) {
            endpoint(out, endpoint.get());
        } else {
            out.u8(0);
        }
    }

    static Endpoint readEndpoint(ByteReader in) throws WireFormatException {
        return readOptionalEndpoint(in).orElseThrow(() -> new WireFormatException("missing endpoint"));
    }

    static Optional<Endpoint> readOptionalEndpoint(ByteReader in) throws WireFormatException {
        int family = in.u8();
        int length = switch (family) {
            case 0 -> 0;
            case 4 -> 4;
            case 6 -> 16;
            default -> throw new WireFormatException("unknown address family " + family);
        };
        if (length == 0) {
            return Optional.empty();
        }
        byte[] address = in.bytes(length);
        int port = port(in.u16());
        try {
            return Optional.of(new Endpoint(InetAddress.getByAddress(address), port));
        } catch (UnknownHostException e) {
            throw new WireFormatException("bad address");
        }
    }

    private static void hint(ByteWriter out, SealedHint hint) {
        out.u8(hint.length()).bytes(hint.bytes());
    }

    private static SealedHint readHint(ByteReader in) throws WireFormatException {
        int length = in.u8();
        if (length > SealedHint.MAX_LENGTH) {
            throw new WireFormatException("sealed hint of " + length + " bytes exceeds " + SealedHint.MAX_LENGTH);
        }
        return SealedHint.of(in.bytes(length));
    }

    private static int port(int port) throws WireFormatException {
        if (port == 0) {
            throw new WireFormatException("port 0");
        }
        return port;
    }

    /** Explicit wire codes, so reordering the enum can never change the protocol. */
    static int natCode(NatKind kind) {
        return switch (kind) {
            case UNKNOWN -> 0;
            case NO_MAPPING -> 1;
            case FIXED_MAPPING -> 2;
            case DESTINATION_DEPENDENT -> 3;
        };
    }

    /** Explicit wire codes for path reports (docs/protocol.md). */
    static int reportCode(DirectPathReport report) {
        return switch (report) {
            case DIRECT_FAILING -> 1;
            case DIRECT_WORKS -> 2;
        };
    }

    static DirectPathReport readReport(int code) throws WireFormatException {
        return switch (code) {
            case 1 -> DirectPathReport.DIRECT_FAILING;
            case 2 -> DirectPathReport.DIRECT_WORKS;
            default -> throw new WireFormatException("unknown path report " + code);
        };
    }

    static NatKind readNat(int code) throws WireFormatException {
        return switch (code) {
            case 0 -> NatKind.UNKNOWN;
            case 1 -> NatKind.NO_MAPPING;
            case 2 -> NatKind.FIXED_MAPPING;
            case 3 -> NatKind.DESTINATION_DEPENDENT;
            default -> throw new WireFormatException("unknown NAT kind " + code);
        };
    }

    private static String utf8(byte[] bytes) throws WireFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new WireFormatException("error text is not UTF-8");
        }
    }

    private static byte[] truncatedUtf8(String text, int max) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= max) {
            return bytes;
        }
        int end = max;
        while (end > 0 && (bytes[end] & 0xc0) == 0x80) {
            end--; // never cut a multi-byte character in half
        }
        return Arrays.copyOf(bytes, end);
    }
}
