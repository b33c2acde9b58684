package dev.wireplug.application.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.logging.ConsoleHandler;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ShutdownLogManagerTest {

    @Test
    void aRunningJvmIsNotShuttingDown() {
        assertFalse(ShutdownLogManager.shuttingDown());
    }

    @Test
    void outsideShutdownAResetStillRemovesHandlersAsReadConfigurationNeeds() {
        ShutdownLogManager manager = new ShutdownLogManager();
        Logger logger = Logger.getLogger("dev.wireplug.test.shutdown-manager");
        ConsoleHandler handler = new ConsoleHandler();
        logger.addHandler(handler);
        try {
            // A LogManager made here manages no loggers of its own; register ours with it.
            manager.addLogger(logger);
            manager.reset();
            assertEquals(0, logger.getHandlers().length);
        } finally {
            logger.removeHandler(handler);
        }
    }
}
