package dev.wireplug.adapters.wireguard;

import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.net.InterfaceName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A userspace WireGuard (wireguard-go, boringtun, the macOS app's extension) driven over its UAPI
 * socket, {@code /var/run/wireguard/IFNAME.sock}. One connection per request, as wg(8) does.
 */
final class UapiWireGuardDevice implements WireGuardDevice {
    static final String BACKEND = "userspace UAPI";
    /** Where wg(8) looks, in its order. */
    static final List<Path> SOCKET_DIRECTORIES = List.of(Path.of("/var/run/wireguard"), Path.of("/run/wireguard"));
    /** Answers are a few hundred bytes per peer; this bounds a misbehaving peer, not a real device. */
    private static final int MAX_ANSWER = 64 * 1024 * 1024;

    private final InterfaceName name;
    private final Path socket;
    private final Duration timeout;

    UapiWireGuardDevice(InterfaceName name, Path socket, Duration timeout) {
        this.name = name;
        this.socket = socket;
        this.timeout = timeout;
    }

    /** The socket wg(8) would use for this interface: the first directory that has it. */
    static Path socketFor(InterfaceName name) {
        for (Path dir : SOCKET_DIRECTORIES) {
            Path candidate = dir.resolve(name.value() + ".sock");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return SOCKET_DIRECTORIES.get(0).resolve(name.value() + ".sock");
    }

    @Override
    public String backendName() {
        return BACKEND;
    }

    @Override
    public DeviceState read() throws DeviceException {
        String answer = exchange(UapiCodec.encodeGet(), "read");
        try {
            UapiCodec.GetResult result = UapiCodec.decodeGet(answer);
            return new DeviceState(result.privateKey().map(Curve25519PublicKeys::of), result.listenPort(),
                    result.fwmark(), result.peers());
        } catch (UapiFormatException e) {
            throw failure("read", e);
        }
    }

    @Override
    public void apply(DeviceChange change) throws DeviceException {
        String answer = exchange(UapiCodec.encodeSet(change), "change");
        try {
            UapiCodec.decodeSetResponse(answer);
        } catch (UapiFormatException e) {
            throw failure("change", e);
        }
    }

    private DeviceException failure(String what, UapiFormatException e) {
        String detail = e.errno() != 0 ? e.getMessage() + " (" + Errno.describe(e.errno()) + ")" : e.getMessage();
        return new DeviceException(prefix(what) + detail, e);
    }

    private String prefix(String what) {
        return "cannot " + what + " WireGuard interface " + name + " (backend " + BACKEND + ", socket " + socket
                + "): ";
    }

    private String exchange(byte[] request, String what) throws DeviceException {
        if (!Files.exists(socket)) {
            throw new DeviceException(prefix(what) + "no such socket; is a userspace WireGuard (wireguard-go "
                    + name + ") running?");
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            long deadline = System.nanoTime() + timeout.toNanos();
            ByteBuffer out = ByteBuffer.wrap(request);
            SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
            while (out.hasRemaining()) {
                await(selector, deadline, what);
                channel.write(out);
            }
            key.interestOps(SelectionKey.OP_READ);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(16 * 1024);
            while (!endsWithEmptyLine(answer)) {
                await(selector, deadline, what);
                int n = channel.read(in);
                if (n < 0) {
                    throw new DeviceException(prefix(what) + "the implementation closed the connection after "
                            + answer.size() + " bytes without an errno line");
                }
                answer.write(in.array(), 0, in.position());
                in.clear();
                if (answer.size() > MAX_ANSWER) {
                    throw new DeviceException(prefix(what) + "answer larger than " + MAX_ANSWER + " bytes");
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeviceException(prefix(what) + e.getMessage(), e);
        }
    }

    private void await(Selector selector, long deadline, String what) throws IOException, DeviceException {
        long left = deadline - System.nanoTime();
        if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0 && System.nanoTime() >= deadline) {
            throw new DeviceException(prefix(what) + "no answer within " + timeout.toMillis() + " ms");
        }
        selector.selectedKeys().clear();
    }

    private static boolean endsWithEmptyLine(ByteArrayOutputStream answer) {
        byte[] bytes = answer.toByteArray();
        int n = bytes.length;
        // A whole answer is at least "errno=0\n\n"; an answer starting with "\n" would never be valid.
        return n >= 2 && bytes[n - 1] == '\n' && bytes[n - 2] == '\n';
    }
}
