package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code lab/lab demo} runs to the end: the tunnel works, stays down after the roam, recovers after the hand fix. */
@LabTest
class DemoTest {

    @Test
    void theDemoBringsTheTunnelUpThroughTheDaemonsAndRecoversFromBothRoams() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = new Demo(new PrintStream(buf, true, StandardCharsets.UTF_8)).run();
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertEquals(0, code, out);
        assertTrue(out.contains("first ping a -> b answered"), out);
        assertTrue(out.contains("recovery (longest gap in b's pings): roam to r3 ") && !out.contains("no recovery"), out);
        assertTrue(out.contains("(session up)"), "wireplugd status shows the coordinator session:\n" + out);
    }
}
