package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrerequisitesTest {

    @Test
    void theMessageNamesEverythingMissingAndHowToGetIt() {
        String m = Prerequisites.message(List.of("root (running as uid 1000)", "program wireguard-go"));
        assertTrue(m.contains("root (running as uid 1000)"), m);
        assertTrue(m.contains("program wireguard-go"), m);
        assertTrue(m.contains("lab/setup"), m);
    }

    @Test
    void findsProgramsOnThePathAndNotMadeUpOnes() {
        assertTrue(Prerequisites.find("sh").isPresent());
        assertTrue(Prerequisites.find("wpl-no-such-program").isEmpty());
        assertThrows(LabException.class, () -> Prerequisites.path("wpl-no-such-program"));
    }
}
