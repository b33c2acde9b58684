package dev.wireplug.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The coordinator host on the internet segment, with two addresses (STUN behaviour discovery needs a second one). */
public final class LabCoordinator {

    private final Lab lab;
    private final String name;
    private final Netns ns;

    LabCoordinator(Lab lab, String name, Netns ns) {
        this.lab = lab;
        this.name = name;
        this.ns = ns;
    }

    void bringUp() {
        List<String> cmds = new ArrayList<>(List.of(
                "link set lo up",
                "addr add " + address(0) + "/" + Addressing.INTERNET_PREFIX_LENGTH + " dev eth0",
                "addr add " + address(1) + "/" + Addressing.INTERNET_PREFIX_LENGTH + " dev eth0",
                "link set eth0 up",
                "route add default via " + Addressing.INTERNET_GATEWAY));
        if (lab.topology().ipv6()) {
            cmds.add("addr add " + address6(0) + "/64 dev eth0 nodad");
            cmds.add("addr add " + address6(1) + "/64 dev eth0 nodad");
            cmds.add("route add ::/0 via " + Addressing.INTERNET_GATEWAY6);
        }
        ns.ip(cmds.toArray(String[]::new));
    }

    /** Address 0 or 1 (198.18.0.10, 198.18.0.11). */
    public String address(int which) {
        return Addressing.coordinatorAddress(which);
    }

    public String address6(int which) {
        return Addressing.coordinatorAddress6(which);
    }

    /** Starts wpcod (the lab's {@link Programs}) with these arguments in the coordinator's namespace. */
    public LabProcess startWpcod(String... args) {
        List<String> cmd = new ArrayList<>(List.of(lab.programs().path("wpcod").toString()));
        cmd.addAll(List.of(args));
        return start("wpcod", cmd);
    }

    public LabProcess start(String label, List<String> command) {
        return lab.start(ns, label + "@" + name, name + "-" + label.replaceAll("[^A-Za-z0-9._-]", "_"), command, Map.of());
    }

    public Exec.Result exec(String... command) {
        return ns.exec(command);
    }

    public PacketCapture capture(String link) {
        return Captures.start(lab, ns, name, link);
    }

    public String name() {
        return name;
    }

    public Netns netns() {
        return ns;
    }
}
