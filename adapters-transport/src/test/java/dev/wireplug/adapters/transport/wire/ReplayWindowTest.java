package dev.wireplug.adapters.transport.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    @Test
    void eachCounterIsAcceptedOnce() {
        ReplayWindow window = new ReplayWindow();
        assertTrue(window.accept(0));
        assertFalse(window.accept(0));
        assertTrue(window.accept(1));
        assertFalse(window.accept(1));
    }

    @Test
    void lateCountersInsideTheWindowAreAcceptedOnceAndOlderOnesNever() {
        ReplayWindow window = new ReplayWindow();
        assertTrue(window.accept(5000));
        assertTrue(window.accept(5000 - ReplayWindow.SIZE + 1));
        assertFalse(window.accept(5000 - ReplayWindow.SIZE + 1));
        assertFalse(window.accept(5000 - ReplayWindow.SIZE));
        assertTrue(window.accept(4999));
        assertFalse(window.accept(-1));
    }

    @Test
    void aBigJumpForgetsTheOldBitsButStillRefusesOldCounters() {
        ReplayWindow window = new ReplayWindow();
        for (int i = 0; i < 100; i++) {
            assertTrue(window.accept(i));
        }
        assertTrue(window.accept(1_000_000));
        assertFalse(window.accept(50));
        assertTrue(window.accept(1_000_000 - 64));
    }

    @Test
    void agreesWithASimpleModelOnRandomTraffic() {
        Random random = new Random(3);
        ReplayWindow window = new ReplayWindow();
        BitSet seen = new BitSet();
        long newest = -1;
        for (int i = 0; i < 200_000; i++) {
            int counter = Math.max(0, (int) newest + random.nextInt(300) - 2500);
            if (random.nextInt(10) == 0) {
                counter = (int) newest + 1 + random.nextInt(3000);
            }
            boolean expected = !seen.get(counter) && (newest < 0 || counter > newest - ReplayWindow.SIZE);
            boolean actual = window.accept(counter);
            if (expected != actual) {
                throw new AssertionError("counter " + counter + " newest " + newest + ": expected " + expected);
            }
            if (actual) {
                seen.set(counter);
                newest = Math.max(newest, counter);
            }
        }
    }
}
