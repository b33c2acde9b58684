package dev.wireplug.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A home router in its own namespace: WAN on the internet bridge, a LAN bridge, NAT and firewall in nftables. */
public final class LabRouter {

    private final Lab lab;
    private final Topology.RouterSpec spec;
    private final int index;
    private final Netns ns;
    private Optional<LabProcess> miniupnpd = Optional.empty();

    LabRouter(Lab lab, Topology.RouterSpec spec, int index, Netns ns) {
        this.lab = lab;
        this.spec = spec;
        this.index = index;
        this.ns = ns;
    }

    void bringUp() {
        List<String> cmds = new ArrayList<>(List.of(
                "link set lo up",
                "addr add " + wanAddress() + "/" + Addressing.INTERNET_PREFIX_LENGTH + " dev " + RouterRuleset.WAN,
                "link set " + RouterRuleset.WAN + " up",
                "route add default via " + Addressing.INTERNET_GATEWAY,
                "link add " + RouterRuleset.LAN + " type bridge",
                "addr add " + lanGateway() + "/24 dev " + RouterRuleset.LAN,
                "link set " + RouterRuleset.LAN + " up"));
        if (lab.topology().ipv6()) {
            cmds.add("addr add " + Addressing.routerWan6(index) + "/64 dev " + RouterRuleset.WAN + " nodad");
            cmds.add("route add ::/0 via " + Addressing.INTERNET_GATEWAY6);
            cmds.add("addr add " + Addressing.lanGateway6(index) + "/64 dev " + RouterRuleset.LAN + " nodad");
        }
        ns.ip(cmds.toArray(String[]::new));
        List<RouterRuleset.FixedMapping> fixed = lab.topology().hosts().stream()
                .map(h -> lab.topology().hostIndex(h.name()))
                .map(k -> new RouterRuleset.FixedMapping(Addressing.hostLanAddress(spec.kind(), index, k),
                        Addressing.wireguardPort(k)))
                .toList();
        ns.nft(RouterRuleset.render(spec.kind(), spec.firewall(), wanAddress(), lanPrefix(), fixed));
    }

    /** Starts miniupnpd (UPnP IGD, NAT-PMP, PCP) on the LAN; returns once it listens for NAT-PMP (UDP 5351). */
    public LabProcess startMiniupnpd() {
        return startMiniupnpd(Map.of());
    }

    /**
     * Starts miniupnpd with some settings of its config replaced or added (e.g.
     * {@code enable_pcp_pmp=no} for a UPnP-only gateway); returns once it listens (UDP 5351, or
     * SSDP's 1900 when PCP and NAT-PMP are off).
     */
    public LabProcess startMiniupnpd(Map<String, String> overrides) {
        if (miniupnpd.isPresent() && miniupnpd.get().alive()) {
            return miniupnpd.get();
        }
        Path conf = lab.runDir().resolve(spec.name() + "-miniupnpd.conf");
        String text = String.join("\n",
                "ext_ifname=" + RouterRuleset.WAN,
                "listening_ip=" + RouterRuleset.LAN,
                "ext_allow_private_ipv4=yes",
                "enable_pcp_pmp=yes",
                "enable_upnp=yes",
                "secure_mode=yes",
                "system_uptime=yes",
                "port=0",
                "uuid=" + java.util.UUID.nameUUIDFromBytes((lab.runId() + spec.name()).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "allow 1024-65535 " + lanPrefix() + " 1024-65535",
                "deny 0-65535 0.0.0.0/0 0-65535", "");
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            text = text.replaceAll("(?m)^" + java.util.regex.Pattern.quote(o.getKey()) + "=.*\\n", "");
            text = o.getKey() + "=" + o.getValue() + "\n" + text;
        }
        String readyPort = "no".equals(overrides.get("enable_pcp_pmp")) ? ":1900" : ":5351";
        try {
            Files.writeString(conf, text);
        } catch (java.io.IOException e) {
            throw new LabException("cannot write " + conf + ": " + e.getMessage(), e);
        }
        LabProcess p = lab.start(ns, "miniupnpd@" + spec.name(), spec.name() + "-miniupnpd",
                List.of(Prerequisites.path("miniupnpd"), "-d", "-f", conf.toString(),
                        "-P", lab.runDir().resolve(spec.name() + "-miniupnpd.pid").toString()),
                Map.of());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!ns.exec("ss", "-Hlun", "sport = " + readyPort).stdout().contains(readyPort)) {
            if (!p.alive() || System.nanoTime() > deadline) {
                throw new LabException("miniupnpd on " + spec.name() + " did not come up; log " + p.log() + ":\n" + p.logText());
            }
            LabProcess.sleep(Duration.ofMillis(50));
        }
        miniupnpd = Optional.of(p);
        return p;
    }

    /** Where miniupnpd wrote its PID (the one to signal: USR1 resets its PCP/NAT-PMP epoch). */
    public Path miniupnpdPidFile() {
        return lab.runDir().resolve(spec.name() + "-miniupnpd.pid");
    }

    public Optional<LabProcess> miniupnpd() {
        return miniupnpd;
    }

    /**
     * Where the internet reaches {@code host}'s WireGuard port through this router, when the NAT
     * kind makes that predictable (what a hand-set endpoint uses); empty for destination-dependent NAT.
     */
    public Optional<String> publicWireguardEndpoint(LabHost host) {
        int port = Addressing.wireguardPort(host.index());
        return switch (spec.kind()) {
            case NO_NAT -> Optional.of(Addressing.hostLanAddress(spec.kind(), index, host.index()) + ":" + port);
            case EIM_PORT_PRESERVING -> Optional.of(wanAddress() + ":" + port);
            case FIXED_OTHER_PORT -> Optional.of(wanAddress() + ":" + (port + RouterKind.FIXED_PORT_OFFSET));
            case DESTINATION_DEPENDENT -> Optional.empty();
        };
    }

    public String name() {
        return spec.name();
    }

    public RouterKind kind() {
        return spec.kind();
    }

    public Topology.RouterSpec spec() {
        return spec;
    }

    public int index() {
        return index;
    }

    public Netns netns() {
        return ns;
    }

    public String wanAddress() {
        return Addressing.routerWan(index);
    }

    public String lanPrefix() {
        return Addressing.lanPrefix(spec.kind(), index);
    }

    public String lanGateway() {
        return Addressing.lanGateway(spec.kind(), index);
    }

    /** One chain of the router's {@code table inet filter}, as nft lists it. */
    public String nftChain(String chain) {
        return ns.check("nft", "list", "chain", "inet", "filter", chain).stdout();
    }

    /** Starts a program in the router's namespace (tcpdump, a probe), logged in the run directory. */
    public LabProcess start(String label, List<String> command) {
        return lab.start(ns, label + "@" + spec.name(), spec.name() + "-" + label, command, Map.of());
    }

    /** Captures packets on one of the router's links ({@code wan}, {@code lan}, {@code h-HOST}). */
    public PacketCapture capture(String link) {
        return Captures.start(lab, ns, spec.name(), link);
    }

    @Override
    public String toString() {
        return spec.name() + " (" + spec.kind().description() + ", WAN " + wanAddress() + ", LAN " + lanPrefix() + ")";
    }
}
