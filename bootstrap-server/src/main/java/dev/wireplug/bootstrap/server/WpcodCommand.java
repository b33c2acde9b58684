package dev.wireplug.bootstrap.server;

import dev.wireplug.application.logging.LogLevel;
import dev.wireplug.application.port.in.LoadServerConfigUseCase.LoadServerConfigCommand;
import dev.wireplug.domain.config.ConfigException;
import dev.wireplug.domain.config.ServerConfig;
import dev.wireplug.domain.key.KeyPair;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "wpcod",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        usageHelpWidth = 100,
        showDefaultValues = true,
        footer = "%nFlags (the options that take no value) are off unless given.",
        description = "The wireplug coordinator: pairs WireGuard peers that list each other, tells each"
                + " where the other is, answers STUN probes and relays traffic as a last resort."
                + " Settings come from the config file; a flag overrides the key of the same name.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the key file or config is unusable", "2:bad command line"})
final class WpcodCommand implements Callable<Integer> {
    static final int FAILED = 1;
    private static final System.Logger LOG = System.getLogger("dev.wireplug.wpcod");
    static final Path DEFAULT_CONFIG = Path.of("/etc/wpcod.conf");

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "PATH",
            description = "Config file of Key = Value lines (Listen, AlternateAddress, KeyFile, Store, Metrics,"
                    + " Relay, RelayDataPlane). Default: /etc/wpcod.conf, used when present.")
    Path config;

    @Option(names = "--listen", paramLabel = "ADDR:PORT",
            description = "UDP address for STUN and the wireplug protocol. Default: 0.0.0.0:3478")
    String listen;

    @Option(names = "--alternate-address", paramLabel = "ADDR",
            description = "A second address of this host, for RFC 5780 NAT behaviour discovery. Default: none")
    String alternateAddress;

    @Option(names = "--key-file", paramLabel = "PATH",
            description = "The coordinator's private key (one base64 line, mode 0600); created when missing."
                    + " Default: /var/lib/wpcod/private.key")
    String keyFile;

    @Option(names = "--store", paramLabel = "memory|redis://[:PASSWORD@]HOST:PORT[/DB]",
            description = "Where records live: in this process, or in Redis shared by several wpcod"
                    + " (redis+cluster://HOST:PORT for a Redis Cluster seed). Default: memory")
    String store;

    @Option(names = "--metrics", paramLabel = "ADDR:PORT",
            description = "Serve Prometheus metrics over HTTP here. Default: off")
    String metrics;

    @Option(names = "--relay", paramLabel = "on|off",
            description = "Relay WireGuard traffic for pairs with no direct path (needs Listen to name an address)."
                    + " Default: on")
    String relay;

    @Option(names = "--relay-data-plane", paramLabel = "netty|nftables",
            description = "netty: portable, in user space; nftables: Linux, in the kernel (root). Default: netty")
    String relayDataPlane;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "error, warn, info or debug.")
    String logLevel;

    @Option(names = "--print-public-key",
            description = "Print the coordinator's public key (for clients' CoordinatorKey) and exit.")
    boolean printPublicKey;

    private final Supplier<ServerComponent> component;

    WpcodCommand(Supplier<ServerComponent> component) {
        this.component = component;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerComponent wired = component.get();
        ServerConfig settings;
        KeyPair key;
        try {
            settings = wired.loadServerConfig().load(new LoadServerConfigCommand(
                    config != null ? config : DEFAULT_CONFIG, config != null, flags()));
            key = wired.serverKey().loadOrCreate(settings.keyFile());
        } catch (ConfigException e) {
            err.println("wpcod: " + e.getMessage());
            return FAILED;
        }
        if (printPublicKey) {
            out.println(key.publicKey().toBase64());
            return 0;
        }
        return serve(wired, settings, key, err);
    }

    /** Serves until SIGTERM (or SIGINT), then closes the sockets and exits. */
    private int serve(ServerComponent wired, ServerConfig settings, KeyPair key, PrintWriter err) {
        LogLevel level;
        try {
            level = LogLevel.parse(logLevel);
        } catch (IllegalArgumentException e) {
            err.println("wpcod: --log-level: " + e.getMessage());
            return 2;
        }
        level.install();
        Coordinator.Running server;
        try {
            server = Coordinator.start(wired, settings, key);
        } catch (IOException e) {
            err.println("wpcod: " + e.getMessage());
            return FAILED;
        }
        LOG.log(System.Logger.Level.INFO, "event=started public_key={0} listen={1}",
                key.publicKey().toBase64(), settings.listen());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.log(System.Logger.Level.INFO, "event=stopping");
            server.close();
            LOG.log(System.Logger.Level.INFO, "event=stopped");
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        put(flags, "Listen", listen);
        put(flags, "AlternateAddress", alternateAddress);
        put(flags, "KeyFile", keyFile);
        put(flags, "Store", store);
        put(flags, "Metrics", metrics);
        put(flags, "Relay", relay);
        put(flags, "RelayDataPlane", relayDataPlane);
        return flags;
    }

    private static void put(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
