package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM stops both programs cleanly, and their last log lines survive the JVM's shutdown (the
 * JDK's own hook used to remove the log handlers while ours still ran).
 */
@LabTest
class CleanShutdownLabTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);
    /** A SIGTERMed JVM exits with 128 + 15. */
    private static final int SIGTERM_EXIT = 143;

    @Test
    void sigtermLogsStoppingAndStoppedAndExits() {
        Topology topology = Topology.builder().coordinator("coord")
                .router("r1", RouterKind.EIM_PORT_PRESERVING).router("r2", RouterKind.EIM_PORT_PRESERVING)
                .host("a", "r1").host("b", "r2").build();
        try (Lab lab = Lab.up(topology)) {
            Coordination.Running coordinator = Coordination.startCoordinator(lab);
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            LabProcess aDaemon = Coordination.startDaemon(a, Coordination.clientConfig(a, coordinator, List.of(b)));
            Coordination.startDaemon(b, Coordination.clientConfig(b, coordinator, List.of(a)));
            assertTrue(Coordination.firstReply(a, b, WITHIN).isPresent(), "no tunnel\n" + aDaemon.logText());

            lab.stop(aDaemon);
            assertEquals(OptionalInt.of(SIGTERM_EXIT), aDaemon.waitFor(Duration.ZERO), aDaemon.logText());
            assertStoppedInOrder(aDaemon.logText(), "event=stopping interface=", "event=stopped interface=");

            lab.stop(coordinator.process());
            assertEquals(OptionalInt.of(SIGTERM_EXIT), coordinator.process().waitFor(Duration.ZERO),
                    coordinator.process().logText());
            assertStoppedInOrder(coordinator.process().logText(), "event=stopping", "event=stopped");
            System.out.println("clean shutdown: wireplugd and wpcod log stopping and stopped on SIGTERM");
        }
    }

    private static void assertStoppedInOrder(String log, String stopping, String stopped) {
        int first = log.indexOf(stopping);
        int last = log.indexOf(stopped);
        assertTrue(first >= 0 && last > first, "expected '" + stopping + "' then '" + stopped + "' in:\n" + log);
    }
}
