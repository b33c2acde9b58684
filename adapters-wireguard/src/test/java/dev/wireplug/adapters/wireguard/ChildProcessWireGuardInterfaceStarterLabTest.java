package dev.wireplug.adapters.wireguard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Starts wireguard-go through the starter inside namespace wgt-start (in a child JVM) and stops it. */
@Tag("lab")
class ChildProcessWireGuardInterfaceStarterLabTest {
    @Test
    void startsAReadableInterfaceAndRemovesItOnClose() {
        Lab.requireRootAnd("ip", "wireguard-go");
        try (Lab lab = Lab.namespace("wgt-start")) {
            String out = lab.runProbe("start", "wgts0");
            assertTrue(out.contains("started-here=true"), out);
            assertTrue(out.contains("read listen_port="), out);
            assertTrue(out.contains("stopped socket=false link=false"), out);
        }
    }
}
