package dev.wireplug.bootstrap.client;

import dev.wireplug.application.logging.LogManagerChoice;
import picocli.CommandLine;

public final class WireplugdMain {
    private WireplugdMain() {}

    public static void main(String[] args) {
        LogManagerChoice.shutdownSafe();
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine commandLine = new CommandLine(new WireplugdCommand(
                (name, implementation) -> DaggerClientComponent.factory().create(name, implementation)));
        return commandLine.execute(args);
    }
}
