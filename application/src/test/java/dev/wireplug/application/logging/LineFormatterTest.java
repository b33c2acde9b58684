package dev.wireplug.application.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LineFormatterTest {
    @Test
    void oneLinePerEventWithTimeLevelAndShortLoggerName() {
        LogRecord record = new LogRecord(Level.INFO, "event=announce peers={0}\nsecond line");
        record.setParameters(new Object[] {51820});
        record.setLoggerName("dev.wireplug.application.roaming.RoamingService");
        record.setMillis(1_795_000_000_123L);
        assertEquals("2026-11-18T11:06:40.123Z INFO RoamingService event=announce peers=51820 second line\n",
                new LineFormatter().format(record));
    }

    @Test
    void levelsAreNamedPlainlyAndErrorsKeepOneLine() {
        LogRecord record = new LogRecord(Level.SEVERE, "event=failed");
        record.setMillis(0);
        record.setThrown(new IllegalStateException("boom"));
        assertEquals("1970-01-01T00:00:00.000Z ERROR - event=failed error=\"java.lang.IllegalStateException: boom\"\n",
                new LineFormatter().format(record));
        record.setLevel(Level.FINER);
        record.setThrown(null);
        assertEquals("1970-01-01T00:00:00.000Z DEBUG - event=failed\n", new LineFormatter().format(record));
    }

    @Test
    void logLevelsParseCaseInsensitively() {
        assertEquals(LogLevel.DEBUG, LogLevel.parse("Debug"));
        assertThrows(IllegalArgumentException.class, () -> LogLevel.parse("verbose"));
    }

    @Test
    void aLoggerMadeBeforeInstallingFollowsTheInstalledLevel() {
        System.Logger early = System.getLogger("dev.wireplug.test.Early" + System.nanoTime());
        LogLevel.INFO.install();
        assertEquals(true, early.isLoggable(System.Logger.Level.INFO));
        assertEquals(false, early.isLoggable(System.Logger.Level.DEBUG));
    }

    @Test
    void theInstalledLevelSurvivesTheLoggerBeingCollected() {
        LogLevel.DEBUG.install();
        String name = "dev.wireplug.test.Collected" + System.nanoTime();
        assertEquals(true, java.util.logging.Logger.getLogger(name).isLoggable(Level.FINE));
        System.gc();
        assertEquals(true, java.util.logging.Logger.getLogger(name).isLoggable(Level.FINE));
        assertEquals(false, java.util.logging.Logger.getLogger("io.netty.Something").isLoggable(Level.INFO));
        LogLevel.INFO.install();
        assertEquals(false, java.util.logging.Logger.getLogger(name).isLoggable(Level.FINE));
    }
}
