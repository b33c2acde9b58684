package dev.wireplug.adapters.wireguard;

import dev.wireplug.adapters.wireguard.jna.linux.LibC;
import dev.wireplug.adapters.wireguard.jna.linux.NetlinkSocket;
import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.InterfaceConfigurator;
import dev.wireplug.domain.device.InterfaceSetup;
import dev.wireplug.domain.net.IpPrefix;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * wg-quick's interface steps on Linux through rtnetlink: {@code ip address replace},
 * {@code ip link set mtu N up}, {@code ip route replace PREFIX dev IF}. Default routes (/0) are not
 * installed: sending everything through the tunnel needs wg-quick's fwmark policy routing so the
 * tunnel's own packets do not loop, which this adapter does not do; they are reported and skipped.
 */
final class RtnetlinkInterfaceConfigurator implements InterfaceConfigurator {
    static final String BACKEND = "Linux rtnetlink";

    private final Duration timeout;

    RtnetlinkInterfaceConfigurator(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String backendName() {
        return BACKEND;
    }

    @Override
    public void configure(InterfaceSetup setup) throws DeviceException {
        String prefix = "cannot set up interface " + setup.name() + " (backend " + BACKEND + "): ";
        int index = index(setup, prefix);
        try (NetlinkSocket socket = NetlinkSocket.open(LibC.NETLINK_ROUTE, 0, timeout)) {
            RtnetlinkRequests requests = new RtnetlinkRequests(socket, 0);
            for (IpPrefix address : setup.addresses()) {
                check(requests.change(RtnetlinkCodec.address(requests.nextSeq(), true, index, address)),
                        prefix + "address " + address);
            }
            Optional<Integer> mtu = setup.mtu().isPresent() ? Optional.of(setup.mtu().getAsInt()) : Optional.empty();
            check(requests.change(RtnetlinkCodec.setLink(requests.nextSeq(), index, true, mtu)),
                    prefix + "link up" + mtu.map(m -> " with MTU " + m).orElse(""));
            for (IpPrefix route : setup.routes()) {
                if (route.length() == 0) {
                    System.err.println("event=default_route_skipped interface=" + setup.name() + " prefix=" + route
                            + " reason=needs_policy_routing");
                    continue;
                }
                check(requests.change(RtnetlinkCodec.route(requests.nextSeq(), true, index, route)),
                        prefix + "route " + route.network());
            }
        } catch (IOException | NetlinkFormatException e) {
            throw new DeviceException(prefix + e.getMessage(), e);
        }
    }

    private static int index(InterfaceSetup setup, String prefix) throws DeviceException {
        int index = LibC.INSTANCE.if_nametoindex(setup.name().value());
        if (index == 0) {
            throw new DeviceException(prefix + "no such interface");
        }
        return index;
    }

    private static void check(int errno, String what) throws DeviceException {
        if (errno != 0) {
            throw new DeviceException(what + ": " + Errno.describe(errno));
        }
    }
}
