package dev.wireplug.bootstrap.client;

import dev.wireplug.application.port.in.GenerateConfigUseCase.GenerateConfigCommand;
import dev.wireplug.application.port.in.GenerateConfigUseCase.GeneratedConfig;
import dev.wireplug.domain.config.ClientConfig;
import dev.wireplug.application.logging.LogLevel;
import dev.wireplug.domain.config.ConfigException;
import dev.wireplug.domain.config.WireGuardImplementation;
import dev.wireplug.domain.net.InterfaceName;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "wireplugd",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        usageHelpWidth = 100,
        showDefaultValues = true,
        footer = "%nFlags (the options that take no value) are off unless given.",
        subcommands = StatusCommand.class,
        description = "Keeps the WireGuard interface IFNAME's tunnels up while this host roams between"
                + " networks: learns its NAT situation, announces it to the coordinator (wpcod) and rewrites"
                + " peer endpoints.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the config is invalid, missing or already exists, or the device cannot be driven;"
                    + " the error says which, and nothing was changed",
            "2:bad command line",
        })
final class WireplugdCommand implements Callable<Integer> {
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IFNAME", description = "WireGuard interface name, e.g. wg0.")
    String interfaceName;

    @Option(names = "--config", paramLabel = "PATH",
            description = "Config file (wg-quick style plus a [Wireplug] section). Default: /etc/wireplugd.IFNAME")
    Path config;

    @Option(names = "--generate-config",
            description = "Write a new config with a fresh private key to the config path (mode 0600),"
                    + " print its public key, and exit. Never overwrites an existing file.")
    boolean generateConfig;

    @Option(names = "--check-config", description = "Read and validate the config, print a summary, and exit.")
    boolean checkConfig;

    @Option(names = "--no-config",
            description = "Read the config for keys, peers and [Wireplug] settings, but never change the"
                    + " device's key, peers or addresses: only manage endpoints and keepalives.")
    boolean noConfig;

    @Option(names = "--no-nat", description = "Skip NAT discovery (STUN); announce the observed address only.")
    boolean noNat;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "error, warn, info or debug.")
    String logLevel;

    @Option(names = "--runtime-dir", paramLabel = "DIR", defaultValue = "/run/wireplugd",
            description = "Where the daemon's control socket (IFNAME.sock, mode 0600) lives.")
    Path runtimeDirectory;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "/var/lib/wireplugd",
            description = "Where state kept across runs lives: known_coordinators, the coordinator keys learned"
                    + " on first use when the config pins none.")
    Path stateDirectory;

    // Hidden: the lab asks for short leases so that renewals happen within a test.
    @Option(names = "--port-mapping-lifetime", paramLabel = "SECONDS", hidden = true, defaultValue = "7200",
            description = "Lease lifetime asked of the gateway for the port mapping.")
    long portMappingLifetime;

    /** The control socket of the daemon for this interface. */
    Path controlSocket() {
        return runtimeDirectory.resolve(new InterfaceName(interfaceName) + ".sock");
    }

    private final BiFunction<InterfaceName, WireGuardImplementation, ClientComponent> component;

    WireplugdCommand(BiFunction<InterfaceName, WireGuardImplementation, ClientComponent> component) {
        this.component = component;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InterfaceName name;
        try {
            name = new InterfaceName(interfaceName);
        } catch (IllegalArgumentException e) {
            err.println("wireplugd: " + e.getMessage());
            return 2;
        }
        Path path = config != null ? config : Path.of("/etc/wireplugd." + name);
        if (generateConfig) {
            return generate(name, path, out, err);
        }
        ClientConfig loaded;
        try {
            loaded = component.apply(name, WireGuardImplementation.AUTO).loadConfig().load(path);
        } catch (ConfigException e) {
            err.println("wireplugd: " + e.getMessage());
            return FAILED;
        }
        if (checkConfig) {
            out.printf("%s: OK (%d peer%s, coordinator %s)%n", path, loaded.peers().size(),
                    loaded.peers().size() == 1 ? "" : "s",
                    loaded.wireplug().coordinator().map(Object::toString).orElse("not set"));
            return 0;
        }
        return runDaemon(name, loaded, err);
    }

    private int runDaemon(InterfaceName name, ClientConfig config, PrintWriter err) {
        try {
            LogLevel.parse(logLevel).install();
        } catch (IllegalArgumentException e) {
            err.println("wireplugd: --log-level: " + e.getMessage());
            return 2;
        }
        ClientComponent wired = component.apply(name, config.wireplug().implementation());
        try {
            new ClientDaemon(wired, new ClientDaemon.Options(name, config, !noConfig, !noNat, controlSocket(),
                    stateDirectory.resolve("known_coordinators"), java.time.Duration.ofSeconds(portMappingLifetime)))
                    .runUntilStopped();
            return 0;
        } catch (ClientDaemon.DaemonException e) {
            err.println("wireplugd: " + e.getMessage());
            return FAILED;
        }
    }

    private int generate(InterfaceName name, Path path, PrintWriter out, PrintWriter err) {
        try {
            GeneratedConfig generated = component.apply(name, WireGuardImplementation.AUTO).generateConfig()
                    .generate(new GenerateConfigCommand(name, path));
            err.println("wireplugd: wrote " + generated.path() + " (mode 0600); its public key is:");
            out.println(generated.publicKey().toBase64());
            return 0;
        } catch (FileAlreadyExistsException e) {
            err.println("wireplugd: " + path + " already exists; not touching it"
                    + " (choose another path with --config, or remove the file first)");
            return FAILED;
        } catch (IOException e) {
            err.println("wireplugd: cannot write " + path + ": " + e.getMessage());
            return FAILED;
        }
    }
}
