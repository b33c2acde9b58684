package dev.wireplug.bootstrap.server;

import dev.wireplug.application.logging.LogManagerChoice;
import picocli.CommandLine;

public final class WpcodMain {
    private WpcodMain() {}

    public static void main(String[] args) {
        LogManagerChoice.shutdownSafe();
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new WpcodCommand(DaggerServerComponent::create)).execute(args);
    }
}
