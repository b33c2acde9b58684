package dev.wireplug.adapters.transport.crypto;

import dev.wireplug.adapters.transport.noise.NoiseCrypto;
import dev.wireplug.adapters.transport.noise.NoiseException;
import dev.wireplug.application.port.out.HintSealer;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.rendezvous.SealedHint;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Hints sealed with ChaCha20-Poly1305 under {@code HKDF(BLAKE2s(LABEL), X25519(a, B))}: the same
 * key from either side's private key and the other's public key, and from nothing the coordinator
 * holds. A random 96-bit nonce per hint (hints are few, so collisions are out of reach); the
 * associated data is sender key then recipient key, so a hint cannot be reflected back to its
 * sender or passed off as another pair's. Layout: nonce (12) | ciphertext of
 * [count u8, then per endpoint: family u8 (4|6), address, port u16] | tag (16).
 */
final class BouncyCastleHintSealer implements HintSealer {
    static final byte[] LABEL = "wireplug sealed hints v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_LENGTH = 12;

    private final SecureRandom random;

    @Inject
    BouncyCastleHintSealer(SecureRandom random) {
        this.random = random;
    }

    @Override
    public SealedHint seal(PrivateKey own, PublicKey peer, List<Endpoint> lanEndpoints) {
        if (lanEndpoints.size() > MAX_ENDPOINTS) {
            throw new IllegalArgumentException("at most " + MAX_ENDPOINTS + " endpoints in a hint");
        }
        byte[] ownPrivate = own.bytes();
        try {
            byte[] key = key(ownPrivate, peer);
            byte[] nonce = new byte[NONCE_LENGTH];
            random.nextBytes(nonce);
            byte[] ad = concat(NoiseCrypto.publicKey(ownPrivate), peer.bytes());
            byte[] sealed = NoiseCrypto.encryptWithNonce(key, nonce, ad, encode(lanEndpoints));
            Arrays.fill(key, (byte) 0);
            return SealedHint.of(concat(nonce, sealed));
        } catch (NoiseException e) {
            throw new IllegalArgumentException("cannot seal for peer " + peer.shortForm() + ": " + e.getMessage());
        } finally {
            Arrays.fill(ownPrivate, (byte) 0);
        }
    }

    @Override
    public Optional<List<Endpoint>> open(PrivateKey own, PublicKey peer, SealedHint hint) {
        byte[] bytes = hint.bytes();
        if (bytes.length < NONCE_LENGTH + NoiseCrypto.TAG_LEN) {
            return Optional.empty();
        }
        byte[] ownPrivate = own.bytes();
        try {
            byte[] key = key(ownPrivate, peer);
            byte[] ad = concat(peer.bytes(), NoiseCrypto.publicKey(ownPrivate));
            byte[] plain = NoiseCrypto.decryptWithNonce(key, Arrays.copyOf(bytes, NONCE_LENGTH), ad,
                    Arrays.copyOfRange(bytes, NONCE_LENGTH, bytes.length));
            Arrays.fill(key, (byte) 0);
            return decode(plain);
        } catch (NoiseException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(ownPrivate, (byte) 0);
        }
    }

    static byte[] key(byte[] ownPrivate, PublicKey peer) throws NoiseException {
        byte[] shared = NoiseCrypto.dh(ownPrivate, peer.bytes());
        byte[] key = NoiseCrypto.hkdf(NoiseCrypto.hash(LABEL), shared, 1)[0];
        Arrays.fill(shared, (byte) 0);
        return key;
    }

    private static byte[] encode(List<Endpoint> endpoints) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(endpoints.size());
        for (Endpoint endpoint : endpoints) {
            byte[] address = endpoint.address().getAddress();
            out.write(address.length == 4 ? 4 : 6);
            out.writeBytes(address);
            out.write(endpoint.port() >>> 8);
            out.write(endpoint.port());
        }
        return out.toByteArray();
    }

    private static Optional<List<Endpoint>> decode(byte[] plain) {
        if (plain.length < 1) {
            return Optional.empty();
        }
        int count = plain[0] & 0xff;
        List<Endpoint> endpoints = new ArrayList<>(count);
        int at = 1;
        try {
            for (int i = 0; i < count; i++) {
                int family = plain[at++] & 0xff;
                int length = family == 4 ? 4 : family == 6 ? 16 : -1;
                if (length < 0) {
                    return Optional.empty();
                }
                byte[] address = Arrays.copyOfRange(plain, at, at + length);
                at += length;
                int port = ((plain[at] & 0xff) << 8) | (plain[at + 1] & 0xff);
                at += 2;
                endpoints.add(new Endpoint(InetAddress.getByAddress(address), port));
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException | UnknownHostException e) {
            return Optional.empty();
        }
        return at == plain.length ? Optional.of(List.copyOf(endpoints)) : Optional.empty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
