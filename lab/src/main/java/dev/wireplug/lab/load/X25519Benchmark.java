package dev.wireplug.lab.load;

import dev.wireplug.adapters.transport.noise.NoiseCrypto;
import dev.wireplug.adapters.transport.noise.NoiseException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The ceiling for handshakes: X25519 operations per second on one core, with the same code the
 * coordinator uses ({@link NoiseCrypto}, BouncyCastle's RFC 7748). wpcod answers a handshake with
 * five X25519 operations on its one event-loop thread: es, ss, its ephemeral public key, ee, se
 * (its static public key is computed once). So the ceiling is ops/s / 5 handshakes per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class X25519Benchmark {
    /** X25519 operations wpcod spends on one handshake (see the class comment). */
    public static final int OPS_PER_HANDSHAKE = 5;

    private byte[] privateKey;
    private byte[] peerPublic;

    @Setup
    public void keys() {
        SecureRandom random = new SecureRandom();
        privateKey = new byte[32];
        random.nextBytes(privateKey);
        byte[] other = new byte[32];
        random.nextBytes(other);
        peerPublic = NoiseCrypto.publicKey(other);
    }

    @Benchmark
    public byte[] dh() throws NoiseException {
        return NoiseCrypto.dh(privateKey, peerPublic);
    }

    @Benchmark
    public byte[] publicKey() {
        return NoiseCrypto.publicKey(privateKey);
    }

    /** Runs the benchmark and prints the ceiling it implies. */
    public static void main(String[] args) throws Exception {
        var results = new Runner(new OptionsBuilder().include(X25519Benchmark.class.getName() + ".dh").build()).run();
        for (RunResult result : results) {
            double opsPerSecond = result.getPrimaryResult().getScore();
            System.out.printf("x25519: %.0f DH ops/s on one thread (JMH); a handshake costs wpcod %d X25519 ops,"
                    + " so the ceiling is %.0f handshakes/s per event-loop thread, and the target (0.8 of it) %.0f/s%n",
                    opsPerSecond, OPS_PER_HANDSHAKE, opsPerSecond / OPS_PER_HANDSHAKE,
                    0.8 * opsPerSecond / OPS_PER_HANDSHAKE);
        }
    }
}
