package dev.wireplug.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host on a router's LAN, in its own namespace, with a real wireguard-go interface (named
 * {@code wpRUNID-NAME}: the UAPI socket directory is shared by every namespace). It can roam to
 * another router's LAN, run programs (the daemon among them), ping, capture, read {@code wg show}.
 */
public final class LabHost {

    /** The host's LAN link, inside its namespace. */
    public static final String LAN_LINK = "eth0";

    private final Lab lab;
    private final Topology.HostSpec spec;
    private final int index;
    private final Netns ns;
    private final String wgInterface;
    private LabRouter router;
    private Optional<LabProcess> wireguardGo = Optional.empty();
    private String publicKey = "";
    private Path privateKeyFile;

    LabHost(Lab lab, Topology.HostSpec spec, int index, Netns ns) {
        this.lab = lab;
        this.spec = spec;
        this.index = index;
        this.ns = ns;
        this.wgInterface = Runs.wireguardInterface(lab.runId(), spec.name());
    }

    void bringUp(LabRouter first) {
        ns.ip("link set lo up");
        ns.sysctl("net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0");
        attach(first);
        if (spec.wireguard()) {
            startWireguard();
        }
    }

    private void attach(LabRouter r) {
        String peer = "h-" + spec.name();
        ns.ip("link add " + LAN_LINK + " type veth peer name " + peer + " netns " + r.netns().name());
        r.netns().ip("link set " + peer + " master " + RouterRuleset.LAN, "link set " + peer + " up");
        List<String> cmds = new ArrayList<>(List.of(
                "addr add " + Addressing.hostLanAddress(r.kind(), r.index(), index) + "/24 dev " + LAN_LINK,
                "link set " + LAN_LINK + " up",
                "route replace default via " + r.lanGateway()));
        if (lab.topology().ipv6()) {
            cmds.add("addr add " + Addressing.hostLanAddress6(r.index(), index) + "/64 dev " + LAN_LINK + " nodad");
            cmds.add("route replace ::/0 via " + Addressing.lanGateway6(r.index()));
        }
        ns.ip(cmds.toArray(String[]::new));
        this.router = r;
    }

    /**
     * Moves this host's link to {@code to}'s LAN: the veth pair is deleted and recreated into the
     * other router, the host re-addressed there with a new default route. WireGuard keeps running
     * (its socket is bound to every address); what happens to the tunnel is what scenarios test.
     */
    public void roamTo(LabRouter to) {
        ns.ip("link del " + LAN_LINK);
        attach(to);
    }

    private void startWireguard() {
        LabProcess p = lab.start(ns, "wireguard-go " + wgInterface, spec.name() + "-wireguard-go",
                List.of(Prerequisites.path("wireguard-go"), "-f", wgInterface),
                Map.of("LOG_LEVEL", "verbose", "WG_PROCESS_FOREGROUND", "1"));
        Path sock = Runs.WG_SOCKETS.resolve(wgInterface + ".sock");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(sock)) {
            if (!p.alive() || System.nanoTime() > deadline) {
                throw new LabException("wireguard-go for " + spec.name() + " did not create " + sock + "; log "
                        + p.log() + ":\n" + p.logText());
            }
            LabProcess.sleep(Duration.ofMillis(5));
        }
        wireguardGo = Optional.of(p);
        String wg = Prerequisites.path("wg");
        String priv = Exec.check(wg, "genkey").stdout().strip();
        publicKey = Exec.run(List.of(wg, "pubkey"), priv + "\n").check().stdout().strip();
        privateKeyFile = lab.runDir().resolve(spec.name() + ".key");
        try {
            Files.writeString(privateKeyFile, priv + "\n");
            Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new LabException("cannot write " + privateKeyFile + ": " + e.getMessage(), e);
        }
        wg("set", wgInterface, "private-key", privateKeyFile.toString(), "listen-port", Integer.toString(wireguardPort()));
        ns.ip("addr add " + overlayAddress() + "/24 dev " + wgInterface, "link set " + wgInterface + " up");
    }

    /** Runs {@code wg} with these arguments (the UAPI socket is reachable from any namespace). */
    public Exec.Result wg(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Prerequisites.path("wg")));
        cmd.addAll(List.of(args));
        return Exec.run(cmd).check();
    }

    /**
     * Adds (or updates) {@code peer} on this host's interface by hand, as the daemon would:
     * its overlay address as allowed IP, this endpoint, this keepalive (0 = off).
     */
    public void setPeer(LabHost peer, Optional<String> endpoint, int keepaliveSeconds) {
        List<String> args = new ArrayList<>(List.of("set", wgInterface, "peer", peer.publicKey(),
                "allowed-ips", peer.overlayAddress() + "/32", "persistent-keepalive", Integer.toString(keepaliveSeconds)));
        endpoint.ifPresent(e -> {
            args.add("endpoint");
            args.add(e);
        });
        wg(args.toArray(String[]::new));
    }

    /** Sets where this host sends to {@code peer}, by hand (what the daemon will do after a roam). */
    public void setPeerEndpoint(LabHost peer, String endpoint) {
        wg("set", wgInterface, "peer", peer.publicKey(), "endpoint", endpoint);
    }

    /** {@code wg show IFACE dump}, parsed. */
    public WgDump wgShow() {
        return WgDump.parse(wg("show", wgInterface, "dump").stdout());
    }

    /** {@code wg show IFACE} as a human reads it. */
    public String wgShowText() {
        return wg("show", wgInterface).stdout();
    }

    /** Pings {@code address} from this host {@code count} times, {@code interval} apart, and returns the replies. */
    public PingSeries ping(String address, int count, Duration interval) {
        double secs = interval.toMillis() / 1000.0;
        Exec.Result r = Exec.run(ns.command(List.of(Prerequisites.path("ping"), "-D", "-n", "-c", Integer.toString(count),
                "-i", String.format(java.util.Locale.ROOT, "%.3f", secs), "-W", "1", address)), "",
                interval.multipliedBy(count).plusSeconds(10));
        return PingSeries.parse(r.stdout());
    }

    /** Starts a background {@code ping -D -i INTERVAL} to {@code address}; stop it to get the replies. */
    public Pinger startPinger(String address, Duration interval) {
        double secs = interval.toMillis() / 1000.0;
        LabProcess p = start("ping-" + address.replace(':', '_'), List.of(Prerequisites.path("ping"), "-D", "-n",
                "-i", String.format(java.util.Locale.ROOT, "%.3f", secs), address));
        return new Pinger(p);
    }

    /** Starts a program in this host's namespace, logged under the run directory; stop it with {@link Lab#stop}. */
    public LabProcess start(String label, List<String> command) {
        return start(label, command, Map.of());
    }

    public LabProcess start(String label, List<String> command, Map<String, String> env) {
        return lab.start(ns, label + "@" + spec.name(), spec.name() + "-" + label.replaceAll("[^A-Za-z0-9._-]", "_"),
                command, env);
    }

    /** Runs a program in this host's namespace to completion. */
    public Exec.Result exec(String... command) {
        return ns.exec(command);
    }

    /** Captures packets on one of this host's links ({@code eth0} or the WireGuard interface). */
    public PacketCapture capture(String link) {
        return Captures.start(lab, ns, spec.name(), link);
    }

    /**
     * Starts {@code wireplugd IFACE --config FILE} (the lab's {@link Programs}) on this host, driving its wireguard-go
     * interface; the config text is written to the run directory.
     */
    public LabProcess startWireplugd(String configText, String... extraArgs) {
        Path conf = lab.runDir().resolve(spec.name() + "-wireplugd.conf");
        try {
            Files.writeString(conf, configText);
            Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new LabException("cannot write " + conf + ": " + e.getMessage(), e);
        }
        List<String> cmd = new ArrayList<>(List.of(lab.programs().path("wireplugd").toString(), wgInterface,
                "--config", conf.toString()));
        cmd.addAll(List.of(extraArgs));
        return start("wireplugd", cmd);
    }

    public String name() {
        return spec.name();
    }

    public int index() {
        return index;
    }

    public Netns netns() {
        return ns;
    }

    /** The router whose LAN this host is on now. */
    public LabRouter router() {
        return router;
    }

    public String lanAddress() {
        return Addressing.hostLanAddress(router.kind(), router.index(), index);
    }

    public String wireguardInterface() {
        return wgInterface;
    }

    public int wireguardPort() {
        return Addressing.wireguardPort(index);
    }

    public String overlayAddress() {
        return Addressing.overlayAddress(index);
    }

    /** The WireGuard private key (base64), for a config the daemon reads; the lab generated it. */
    public String privateKey() {
        try {
            return Files.readString(privateKeyFile).strip();
        } catch (IOException e) {
            throw new LabException("cannot read " + privateKeyFile + ": " + e.getMessage(), e);
        }
    }

    /** The WireGuard public key (base64); empty for a host without WireGuard. */
    public String publicKey() {
        return publicKey;
    }

    public Optional<LabProcess> wireguardGo() {
        return wireguardGo;
    }

    /** Where the internet reaches this host's WireGuard port now, when its router's NAT makes that predictable. */
    public Optional<String> publicWireguardEndpoint() {
        return router.publicWireguardEndpoint(this);
    }

    @Override
    public String toString() {
        return spec.name() + " (" + lanAddress() + " behind " + router.name() + ")";
    }
}
