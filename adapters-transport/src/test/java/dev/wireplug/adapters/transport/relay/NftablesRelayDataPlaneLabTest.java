package dev.wireplug.adapters.transport.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The in-kernel relay in a network namespace of its own: packets flow through the nftables rules
 * (and not through user space), a third host cannot use the allocation, and no rule is left after
 * close. The checks run in {@link NftablesRelayLabMain} in a child JVM inside the namespace.
 */
@Tag("lab")
class NftablesRelayDataPlaneLabTest {

    @Test
    void forwardsInTheKernelOnlyBetweenThePairAndLeavesNothingBehind() throws Exception {
        String missing = LabNamespace.missingForLab();
        if (!missing.isEmpty()) {
            fail("this lab test needs " + missing);
        }
        try (LabNamespace ns = LabNamespace.create("nft")) {
            LabNamespace.Result result = ns.runJava(NftablesRelayLabMain.class, 120);
            System.out.println(result.output());
            assertEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains("PASS"), result.output());
        }
    }
}
