package dev.wireplug.adapters.wireguard;

import dev.wireplug.adapters.wireguard.jna.linux.LibC;
import dev.wireplug.adapters.wireguard.jna.linux.NetlinkSocket;
import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.domain.device.DeviceChange;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.net.InterfaceName;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

/**
 * The Linux kernel's WireGuard through generic netlink. Each call opens its own socket, resolves
 * the family id (it can change when the module is reloaded), and closes it again.
 */
final class NetlinkWireGuardDevice implements WireGuardDevice {
    static final String BACKEND = "Linux kernel netlink";
    private static final int ENOENT = 2;
    private static final int ENODEV = 19;

    private final InterfaceName name;
    private final Duration timeout;
    private final int maxMessage;
    private final String choice;
    private int seq;

    NetlinkWireGuardDevice(InterfaceName name, Duration timeout) {
        this(name, timeout, WireGuardNetlinkCodec.DEFAULT_MESSAGE_SIZE, "");
    }

    /**
     * {@code choice} says in errors why this backend was picked (for auto: that no userspace
     * socket was found either), so the message names everything that was tried.
     */
    NetlinkWireGuardDevice(InterfaceName name, Duration timeout, int maxMessage, String choice) {
        this.name = name;
        this.timeout = timeout;
        this.maxMessage = maxMessage;
        this.choice = choice;
    }

    @Override
    public String backendName() {
        return BACKEND;
    }

    @Override
    public synchronized DeviceState read() throws DeviceException {
        try (NetlinkSocket socket = open("read")) {
            int family = resolveFamily(socket, "read");
            int request = ++seq;
            socket.send(WireGuardNetlinkCodec.getDeviceRequest(family, request, name.value()));
            WireGuardNetlinkCodec.DumpMerger merger = new WireGuardNetlinkCodec.DumpMerger();
            while (true) {
                for (Netlink.Message m : Netlink.messages(ByteBuffer.wrap(socket.receive()))) {
                    if (m.seq() != request) {
                        continue;
                    }
                    if (m.type() == Netlink.NLMSG_DONE) {
                        return merger.state();
                    }
                    if (m.isError()) {
                        int errno = Netlink.errorCode(m);
                        if (errno != 0) {
                            throw new DeviceException(prefix("read") + deviceError(errno));
                        }
                        continue;
                    }
                    if (m.type() == family) {
                        merger.add(m);
                    }
                }
            }
        } catch (IOException e) {
            throw new DeviceException(prefix("read") + e.getMessage(), e);
        } catch (NetlinkFormatException e) {
            throw new DeviceException(prefix("read") + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void apply(DeviceChange change) throws DeviceException {
        try (NetlinkSocket socket = open("change")) {
            int family = resolveFamily(socket, "change");
            List<byte[]> messages = WireGuardNetlinkCodec.setDeviceRequests(family, seq + 1, name.value(), change,
                    maxMessage);
            seq += messages.size();
            int part = 0;
            for (byte[] message : messages) {
                part++;
                socket.send(message);
                int errno = awaitAck(socket, ByteBuffer.wrap(message).order(Netlink.ORDER).getInt(8));
                if (errno != 0) {
                    String partial = part > 1 ? " (after " + (part - 1) + " of " + messages.size()
                            + " messages were applied)" : "";
                    throw new DeviceException(prefix("change") + deviceError(errno) + partial);
                }
            }
        } catch (IOException e) {
            throw new DeviceException(prefix("change") + e.getMessage(), e);
        } catch (NetlinkFormatException e) {
            throw new DeviceException(prefix("change") + e.getMessage(), e);
        }
    }

    private NetlinkSocket open(String what) throws DeviceException {
        try {
            return NetlinkSocket.open(LibC.NETLINK_GENERIC, 0, timeout);
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new DeviceException(prefix(what) + e.getMessage(), e);
        }
    }

    private int resolveFamily(NetlinkSocket socket, String what)
            throws IOException, NetlinkFormatException, DeviceException {
        int request = ++seq;
        socket.send(WireGuardNetlinkCodec.getFamilyRequest(request));
        Integer family = null;
        while (true) {
            for (Netlink.Message m : Netlink.messages(ByteBuffer.wrap(socket.receive()))) {
                if (m.seq() != request) {
                    continue;
                }
                if (m.isError()) {
                    int errno = Netlink.errorCode(m);
                    if (errno == ENOENT) {
                        throw new DeviceException(prefix(what) + "no such generic netlink family \""
                                + WireGuardNetlinkCodec.FAMILY + "\": this kernel has no WireGuard module loaded"
                                + " (try modprobe wireguard, or use the userspace implementation)");
                    }
                    if (errno != 0) {
                        throw new DeviceException(prefix(what) + "resolving the \"wireguard\" family: "
                                + Errno.describe(errno));
                    }
                    if (family != null) {
                        return family;
                    }
                    continue;
                }
                family = WireGuardNetlinkCodec.decodeFamilyId(m);
            }
        }
    }

    private int awaitAck(NetlinkSocket socket, int request) throws IOException, NetlinkFormatException {
        while (true) {
            for (Netlink.Message m : Netlink.messages(ByteBuffer.wrap(socket.receive()))) {
                if (m.seq() == request && m.isError()) {
                    return Netlink.errorCode(m);
                }
            }
        }
    }

    private String deviceError(int errno) {
        if (errno == ENODEV) {
            return "no such WireGuard interface (" + Errno.describe(errno) + ")";
        }
        return Errno.describe(errno);
    }

    private String prefix(String what) {
        return "cannot " + what + " WireGuard interface " + name + " (backend " + BACKEND + choice + "): ";
    }
}
