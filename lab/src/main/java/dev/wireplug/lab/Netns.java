package dev.wireplug.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One network namespace, driven by {@code ip -n}, {@code ip netns exec} and {@code nft}. */
public record Netns(String name) {

    /** Runs {@code ip} commands in this namespace, one per line, as one {@code ip -batch}. */
    public void ip(String... lines) {
        Exec.run(List.of("ip", "-n", name, "-batch", "-"), String.join("\n", lines) + "\n").check();
    }

    /** Runs a program in this namespace to completion (not checked: look at the result). */
    public Exec.Result exec(String... command) {
        return Exec.run(command(Arrays.asList(command)));
    }

    /** Runs a program in this namespace and fails when it exits non-zero. */
    public Exec.Result check(String... command) {
        return exec(command).check();
    }

    public void sysctl(String... assignments) {
        List<String> cmd = new ArrayList<>(List.of("sysctl", "-q", "-w"));
        cmd.addAll(Arrays.asList(assignments));
        Exec.run(command(cmd)).check();
    }

    /** Loads an nftables ruleset (the text {@code nft -f} reads). */
    public void nft(String ruleset) {
        Exec.run(command(List.of("nft", "-f", "-")), ruleset).check();
    }

    /** The ruleset as {@code nft list ruleset} prints it. */
    public String nftRuleset() {
        return check("nft", "list", "ruleset").stdout();
    }

    /** The command line that runs {@code command} inside this namespace. */
    public List<String> command(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(command);
        return cmd;
    }
}
