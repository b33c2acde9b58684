package dev.wireplug.adapters.transport.noise;

import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The primitives of {@code Noise_IK_25519_ChaChaPoly_BLAKE2s} (Noise spec rev. 34, sections 4 and
 * 12), each a pure function over BouncyCastle.
 *
 * <p>Why hand-written rather than a library: the Java Noise libraries on Maven Central are forks
 * of Rhys Weatherley's noise-java (unmaintained since 2016; the org.signal and corda forks track
 * their owners' needs, corda's dropped ChaChaPoly fallbacks), none of them uses BouncyCastle, and
 * each brings its own Curve25519 and ChaCha20 code to review. One fixed pattern over primitives we
 * already ship is about 200 lines, checked against the noise-c test vectors.
 */
public final class NoiseCrypto {
    public static final int DH_LEN = 32;
    public static final int HASH_LEN = 32;
    public static final int TAG_LEN = 16;

    private NoiseCrypto() {}

    public static byte[] hash(byte[]... parts) {
        Blake2sDigest digest = new Blake2sDigest();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[HASH_LEN];
        digest.doFinal(out, 0);
        return out;
    }

    /** HMAC (RFC 2104) over BLAKE2s with its 64-byte block, as the Noise spec defines HMAC-HASH. */
    public static byte[] hmac(byte[] key, byte[]... parts) {
        HMac mac = new HMac(new Blake2sDigest());
        mac.init(new KeyParameter(key));
        for (byte[] part : parts) {
            mac.update(part, 0, part.length);
        }
        byte[] out = new byte[HASH_LEN];
        mac.doFinal(out, 0);
        return out;
    }

    /** Noise's HKDF(chaining_key, input_key_material, num_outputs) with num_outputs 2 or 3. */
    public static byte[][] hkdf(byte[] chainingKey, byte[] inputKeyMaterial, int outputs) {
        if (outputs < 1 || outputs > 3) {
            throw new IllegalArgumentException("HKDF gives 1 to 3 outputs");
        }
        byte[] tempKey = hmac(chainingKey, inputKeyMaterial);
        byte[][] out = new byte[outputs][];
        byte[] previous = new byte[0];
        for (int i = 0; i < outputs; i++) {
            previous = hmac(tempKey, previous, new byte[] {(byte) (i + 1)});
            out[i] = previous;
        }
        Arrays.fill(tempKey, (byte) 0);
        return out;
    }

    public static byte[] publicKey(byte[] privateKey) {
        byte[] point = new byte[DH_LEN];
        X25519.scalarMultBase(privateKey, 0, point, 0);
        return point;
    }

    /**
     * X25519 agreement. An all-zero result (the peer sent a low-order point) is refused, as
     * WireGuard does: it would make the key depend on nothing secret.
     */
    public static byte[] dh(byte[] privateKey, byte[] publicKey) throws NoiseException {
        if (publicKey.length != DH_LEN) {
            throw new NoiseException("an X25519 public key is 32 bytes");
        }
        byte[] shared = new byte[DH_LEN];
        if (!X25519.calculateAgreement(privateKey, 0, publicKey, 0, shared, 0)) {
            throw new NoiseException("X25519 agreement with a low-order point");
        }
        return shared;
    }

    /** ChaCha20-Poly1305 (RFC 8439) with Noise's nonce: 32 zero bits, then n little-endian. */
    public static byte[] encrypt(byte[] key, long n, byte[] ad, byte[] plaintext) {
        return encryptWithNonce(key, nonce(n), ad, plaintext);
    }

    public static byte[] decrypt(byte[] key, long n, byte[] ad, byte[] ciphertext) throws NoiseException {
        return decryptWithNonce(key, nonce(n), ad, ciphertext);
    }

    public static byte[] encryptWithNonce(byte[] key, byte[] nonce, byte[] ad, byte[] plaintext) {
        // A fresh cipher per call: BouncyCastle refuses to re-init an encryptor with the same
        // key and nonce, and the objects are cheap.
        ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
        cipher.init(true, new AEADParameters(new KeyParameter(key), TAG_LEN * 8, nonce, ad));
        byte[] out = new byte[plaintext.length + TAG_LEN];
        int written = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            cipher.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail", e);
        }
        return out;
    }

    public static byte[] decryptWithNonce(byte[] key, byte[] nonce, byte[] ad, byte[] ciphertext)
            throws NoiseException {
        if (ciphertext.length < TAG_LEN) {
            throw new NoiseException("ciphertext shorter than its tag");
        }
        ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
        cipher.init(false, new AEADParameters(new KeyParameter(key), TAG_LEN * 8, nonce, ad));
        byte[] out = new byte[ciphertext.length - TAG_LEN];
        int written = cipher.processBytes(ciphertext, 0, ciphertext.length, out, 0);
        try {
            cipher.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            throw new NoiseException("message does not authenticate");
        }
        return out;
    }

    static byte[] nonce(long n) {
        byte[] nonce = new byte[12];
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (n >>> (8 * i));
        }
        return nonce;
    }
}
