package dev.wireplug.bootstrap.server;

import dev.wireplug.domain.config.ConfigException;
import dev.wireplug.domain.key.KeyPair;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
        description = "The wireplug coordinator: pairs WireGuard peers that list each other, tells each"
                + " where the other is, answers STUN probes and relays traffic as a last resort.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the key file or config is unusable", "2:bad command line"})
final class WpcodCommand implements Callable<Integer> {
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--key-file", paramLabel = "PATH", defaultValue = "/var/lib/wpcod/private.key",
            description = "The coordinator's private key (one base64 line, mode 0600); created when missing.")
    Path keyFile;

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
        KeyPair key;
        try {
            key = component.get().serverKey().loadOrCreate(keyFile);
        } catch (ConfigException e) {
            err.println("wpcod: " + e.getMessage());
            return FAILED;
        }
        if (printPublicKey) {
            out.println(key.publicKey().toBase64());
            return 0;
        }
        err.println("wpcod: this build cannot serve yet; use --print-public-key");
        return FAILED;
    }
}
