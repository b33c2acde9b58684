package dev.wireplug.lab;

/**
 * The lab's address plan, as pure functions of router and host indices (1-based).
 * <ul>
 * <li>internet segment 198.18.0.0/16 on one bridge; its gateway 198.18.0.1 routes the public LANs;</li>
 * <li>coordinator 198.18.0.10 and 198.18.0.11; router N's WAN 198.18.1.N;</li>
 * <li>LAN of a NAT router N: 10.N.0.0/24; of a NO_NAT router: 198.19.N.0/24 (public); router at .1;</li>
 * <li>host K: .(10+K) on whatever LAN it is on; overlay 100.64.0.K/24; WireGuard port 51820+K;</li>
 * <li>IPv6 (when asked): internet 2001:db8::/64, router N WAN 2001:db8::1:N, LAN 2001:db8:N::/64.</li>
 * </ul>
 * Everything lives inside namespaces the lab creates (198.18.0.0/15 is the benchmarking range).
 */
public final class Addressing {

    public static final String INTERNET_GATEWAY = "198.18.0.1";
    public static final int INTERNET_PREFIX_LENGTH = 16;
    public static final String INTERNET_GATEWAY6 = "2001:db8::1";
    public static final int WIREGUARD_BASE_PORT = 51820;

    private Addressing() {
    }

    public static String coordinatorAddress(int which) {
        if (which < 0 || which > 1) {
            throw new IllegalArgumentException("the coordinator has addresses 0 and 1");
        }
        return "198.18.0." + (10 + which);
    }

    public static String coordinatorAddress6(int which) {
        return "2001:db8::" + (10 + which);
    }

    public static String routerWan(int router) {
        return "198.18.1." + router;
    }

    public static String routerWan6(int router) {
        return "2001:db8::1:" + Integer.toHexString(router);
    }

    public static String lanPrefix(RouterKind kind, int router) {
        return kind.translates() ? "10." + router + ".0.0/24" : "198.19." + router + ".0/24";
    }

    public static String lanGateway(RouterKind kind, int router) {
        return lanHost(kind, router, 1);
    }

    public static String lanPrefix6(int router) {
        return "2001:db8:" + Integer.toHexString(router) + "::/64";
    }

    public static String lanGateway6(int router) {
        return "2001:db8:" + Integer.toHexString(router) + "::1";
    }

    public static String hostLanAddress(RouterKind kind, int router, int host) {
        return lanHost(kind, router, 10 + host);
    }

    public static String hostLanAddress6(int router, int host) {
        return "2001:db8:" + Integer.toHexString(router) + "::" + Integer.toHexString(0x10 + host);
    }

    private static String lanHost(RouterKind kind, int router, int last) {
        return kind.translates() ? "10." + router + ".0." + last : "198.19." + router + "." + last;
    }

    public static String overlayAddress(int host) {
        return "100.64.0." + host;
    }

    public static int wireguardPort(int host) {
        return WIREGUARD_BASE_PORT + host;
    }
}
