package dev.wireplug.bootstrap.client;

import dev.wireplug.adapters.transport.control.UnixSocketRunningDaemon;
import dev.wireplug.application.status.StatusFormatKind;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpWidth = 100,
        customSynopsis = "wireplugd IFNAME status [-hV] [--json]",
        description = "Show what the running wireplugd for IFNAME sees: its NAT and public endpoint, and per peer"
                + " the endpoint in use, how it was learned, the latest handshake and the traffic.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:no wireplugd runs for IFNAME, or it did not answer"})
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    WireplugdCommand parent;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() {
        try {
            String reply = new UnixSocketRunningDaemon(parent.controlSocket())
                    .status(json ? StatusFormatKind.JSON : StatusFormatKind.TEXT);
            spec.commandLine().getOut().print(reply);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException e) {
            spec.commandLine().getErr().println("wireplugd: " + e.getMessage());
            return WireplugdCommand.FAILED;
        }
    }
}
