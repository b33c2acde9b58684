package dev.wireplug.adapters.store.redis;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.rendezvous.Announcement;
import dev.wireplug.domain.rendezvous.PeerRecord;
import dev.wireplug.domain.rendezvous.PeerView;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bytes of a record (a Redis value) and of a push (a pub/sub message). A version byte leads
 * so that instances of two releases sharing one Redis recognise each other's data instead of
 * misreading it. Big-endian, lengths before variable parts, nothing but the domain values.
 */
final class RecordCodec {
    static final int RECORD_VERSION = 1;
    static final int PUSH_VERSION = 0x81;

    private RecordCodec() {}

    static byte[] encode(PeerRecord record) {
        return write(out -> {
            out.writeByte(RECORD_VERSION);
            out.writeLong(record.expiresAt().getEpochSecond());
            out.writeInt(record.expiresAt().getNano());
            Announcement a = record.announcement();
            out.write(a.announcer().bytes());
            endpoint(out, a.observed());
            out.writeShort(a.wireGuardPort());
            out.writeUTF(a.natKind().name());
            optionalEndpoint(out, a.mapped());
            out.writeShort(a.wants().size());
            for (Map.Entry<PublicKey, SealedHint> want : a.wants().entrySet()) {
                out.write(want.getKey().bytes());
                hint(out, want.getValue());
            }
        });
    }

    static PeerRecord decodeRecord(byte[] bytes) throws RecordFormatException {
        return read(bytes, in -> {
            version(in, RECORD_VERSION);
            Instant expiresAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
            PublicKey announcer = key(in);
            Endpoint observed = endpoint(in);
            int wireGuardPort = in.readUnsignedShort();
            NatKind natKind = natKind(in);
            Optional<Endpoint> mapped = optionalEndpoint(in);
            int wanted = in.readUnsignedShort();
            if (wanted > Announcement.MAX_WANTS) {
                throw new RecordFormatException(wanted + " wanted peers");
            }
            Map<PublicKey, SealedHint> wants = new LinkedHashMap<>();
            for (int i = 0; i < wanted; i++) {
                wants.put(key(in), hint(in));
            }
            return new PeerRecord(new Announcement(announcer, observed, wireGuardPort, natKind, mapped, wants), expiresAt);
        });
    }

    /** A push: the recipient travels with the view so one channel pattern could carry many. */
    static byte[] encode(PublicKey recipient, PeerView view) {
        return write(out -> {
            out.writeByte(PUSH_VERSION);
            out.write(recipient.bytes());
            out.write(view.peer().bytes());
            endpoint(out, view.observed());
            out.writeShort(view.wireGuardPort());
            out.writeUTF(view.natKind().name());
            optionalEndpoint(out, view.mapped());
            hint(out, view.hint());
            optionalEndpoint(out, view.relay());
        });
    }

    record Push(PublicKey recipient, PeerView view) {}

    static Push decodePush(byte[] bytes) throws RecordFormatException {
        return read(bytes, in -> {
            version(in, PUSH_VERSION);
            PublicKey recipient = key(in);
            PublicKey peer = key(in);
            Endpoint observed = endpoint(in);
            int wireGuardPort = in.readUnsignedShort();
            NatKind natKind = natKind(in);
            Optional<Endpoint> mapped = optionalEndpoint(in);
            SealedHint hint = hint(in);
            Optional<Endpoint> relay = optionalEndpoint(in);
            return new Push(recipient, new PeerView(peer, observed, wireGuardPort, natKind, mapped, hint, relay));
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException, RecordFormatException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array never fails
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reader<T> reader) throws RecordFormatException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            T value = reader.read(in);
            if (in.available() != 0) {
                throw new RecordFormatException(in.available() + " bytes left over");
            }
            return value;
        } catch (IOException e) {
            throw new RecordFormatException("truncated: " + e);
        } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            throw new RecordFormatException("invalid value: " + e.getMessage());
        }
    }

    private static void version(DataInputStream in, int expected) throws IOException, RecordFormatException {
        int version = in.readUnsignedByte();
        if (version != expected) {
            throw new RecordFormatException("version " + version + ", expected " + expected);
        }
    }

    private static PublicKey key(DataInputStream in) throws IOException {
        byte[] key = new byte[32];
        in.readFully(key);
        return PublicKey.of(key);
    }

    private static NatKind natKind(DataInputStream in) throws IOException, RecordFormatException {
        // By name, so that a release adding a NAT kind does not shift the others.
        String name = in.readUTF();
        try {
            return NatKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new RecordFormatException("unknown NAT kind " + name);
        }
    }

    private static void endpoint(DataOutputStream out, Endpoint endpoint) throws IOException {
        byte[] address = endpoint.address().getAddress();
        out.writeByte(address.length);
        out.write(address);
        out.writeShort(endpoint.port());
    }

    private static Endpoint endpoint(DataInputStream in) throws IOException, RecordFormatException {
        int length = in.readUnsignedByte();
        if (length != 4 && length != 16) {
            throw new RecordFormatException("address of " + length + " bytes");
        }
        byte[] address = new byte[length];
        in.readFully(address);
        try {
            return new Endpoint(InetAddress.getByAddress(address), in.readUnsignedShort());
        } catch (UnknownHostException e) {
            throw new RecordFormatException(e.getMessage());
        }
    }

    private static void optionalEndpoint(DataOutputStream out, Optional<Endpoint> endpoint) throws IOException {
        out.writeBoolean(endpoint.isPresent());
        if (endpoint.isPresent()) {
            endpoint(out, endpoint.get());
        }
    }

    private static Optional<Endpoint> optionalEndpoint(DataInputStream in) throws IOException, RecordFormatException {
        int present = in.readUnsignedByte();
        return switch (present) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(endpoint(in));
            default -> throw new RecordFormatException("presence flag " + present);
        };
    }

    private static void hint(DataOutputStream out, SealedHint hint) throws IOException {
        out.writeByte(hint.length());
        out.write(hint.bytes());
    }

    private static SealedHint hint(DataInputStream in) throws IOException {
        byte[] hint = new byte[in.readUnsignedByte()];
        in.readFully(hint);
        return SealedHint.of(hint);
    }
}
