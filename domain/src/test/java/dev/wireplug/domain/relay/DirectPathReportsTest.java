package dev.wireplug.domain.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.endpoint.DirectPathReport;
import dev.wireplug.domain.key.PublicKey;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DirectPathReportsTest {
    private static final PublicKey A = RelayPolicyTest.KEY_A;
    private static final PublicKey B = RelayPolicyTest.KEY_B;
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void nothingReportedMeansNothingFailingAndNothingWorking() {
        assertEquals(Optional.empty(), DirectPathReports.NONE.failingSince(T0));
        assertFalse(DirectPathReports.NONE.bothWork(A, B, T0));
    }

    @Test
    void aRepeatedFailingReportKeepsItsFirstTime() {
        DirectPathReports r = DirectPathReports.NONE.with(A, DirectPathReport.DIRECT_FAILING, T0)
                .with(A, DirectPathReport.DIRECT_FAILING, T0.plusSeconds(1))
                .with(A, DirectPathReport.DIRECT_FAILING, T0.plusSeconds(2));
        assertEquals(Optional.of(T0), r.failingSince(T0.plusSeconds(3)));
    }

    @Test
    void failingSinceIsTheEarlierOfTheTwoSides() {
        DirectPathReports r = DirectPathReports.NONE.with(B, DirectPathReport.DIRECT_FAILING, T0.plusSeconds(1))
                .with(A, DirectPathReport.DIRECT_FAILING, T0.plusSeconds(2))
                .with(B, DirectPathReport.DIRECT_FAILING, T0.plusSeconds(3));
        assertEquals(Optional.of(T0.plusSeconds(1)), r.failingSince(T0.plusSeconds(3)));
    }

    @Test
    void aReportNoLongerRepeatedStopsCounting() {
        DirectPathReports r = DirectPathReports.NONE.with(A, DirectPathReport.DIRECT_FAILING, T0);
        Instant later = T0.plus(DirectPathReports.CURRENT_FOR);
        assertEquals(Optional.empty(), r.failingSince(later));
        // and a failing report after the old one aged out starts a new "since"
        assertEquals(Optional.of(later), r.with(A, DirectPathReport.DIRECT_FAILING, later).failingSince(later));
    }

    @Test
    void switchingToWorksEndsFailingAndRestartsTheClock() {
        DirectPathReports r = DirectPathReports.NONE.with(A, DirectPathReport.DIRECT_FAILING, T0)
                .with(A, DirectPathReport.DIRECT_WORKS, T0.plusSeconds(1));
        assertEquals(Optional.empty(), r.failingSince(T0.plusSeconds(1)));
        DirectPathReports back = r.with(A, DirectPathReport.DIRECT_FAILING, T0.plusSeconds(2));
        assertEquals(Optional.of(T0.plusSeconds(2)), back.failingSince(T0.plusSeconds(2)));
    }

    @Test
    void theRelayGivesWayOnlyWhenBothSidesCurrentlyReportADirectPath() {
        DirectPathReports one = DirectPathReports.NONE.with(A, DirectPathReport.DIRECT_WORKS, T0);
        assertFalse(one.bothWork(A, B, T0));
        DirectPathReports both = one.with(B, DirectPathReport.DIRECT_WORKS, T0.plusSeconds(1));
        assertTrue(both.bothWork(A, B, T0.plusSeconds(1)));
        assertTrue(both.bothWork(B, A, T0.plusSeconds(1)));
        assertFalse(both.bothWork(A, B, T0.plus(DirectPathReports.CURRENT_FOR)), "A's report aged out");
        DirectPathReports bFails = both.with(B, DirectPathReport.DIRECT_FAILING, T0.plusSeconds(2));
        assertFalse(bFails.bothWork(A, B, T0.plusSeconds(2)));
    }
}
