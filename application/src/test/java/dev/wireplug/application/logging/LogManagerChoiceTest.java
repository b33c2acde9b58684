package dev.wireplug.application.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogManagerChoiceTest {
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(LogManagerChoice.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(LogManagerChoice.PROPERTY);
        } else {
            System.setProperty(LogManagerChoice.PROPERTY, saved);
        }
    }

    @Test
    void choosesTheShutdownSafeManagerWhenNoneIsChosen() {
        System.clearProperty(LogManagerChoice.PROPERTY);
        LogManagerChoice.shutdownSafe();
        assertEquals(ShutdownLogManager.class.getName(), System.getProperty(LogManagerChoice.PROPERTY));
    }

    @Test
    void aManagerChosenOnTheCommandLineWins() {
        System.setProperty(LogManagerChoice.PROPERTY, "org.example.TheirLogManager");
        LogManagerChoice.shutdownSafe();
        assertEquals("org.example.TheirLogManager", System.getProperty(LogManagerChoice.PROPERTY));
    }
}
