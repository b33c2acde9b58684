package dev.wireplug.application.logging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** The {@code --log-level} choices, and installing the one-line stderr log with one of them. */
public enum LogLevel {
    ERROR(Level.SEVERE), WARN(Level.WARNING), INFO(Level.INFO), DEBUG(Level.FINE);

    private final Level julLevel;

    LogLevel(Level julLevel) {
        this.julLevel = julLevel;
    }

    public static LogLevel parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a log level (error, warn, info, debug)");
        }
    }

    /**
     * Sends our loggers' lines at this level and above to stderr; libraries stay at WARN. Levels
     * go through the LogManager's configuration rather than {@code Logger.setLevel}: loggers are
     * only weakly held, and a level set on one is lost when it is collected.
     */
    public void install() {
        String properties = ".level=WARNING\ndev.wireplug.level=" + julLevel.getName() + "\n";
        try {
            LogManager.getLogManager().readConfiguration(
                    new ByteArrayInputStream(properties.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot configure logging", e);
        }
        // A logger made before this call (a static one) was re-parented to the root by the reset:
        // creating the configured "dev.wireplug" node now puts it back under that node's level.
        Logger.getLogger("dev.wireplug");
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler stderr = new ConsoleHandler();
        stderr.setFormatter(new LineFormatter());
        stderr.setLevel(Level.ALL);
        root.addHandler(stderr);
    }
}
