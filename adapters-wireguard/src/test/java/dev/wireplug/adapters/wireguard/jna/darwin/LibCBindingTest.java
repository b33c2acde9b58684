package dev.wireplug.adapters.wireguard.jna.darwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.LastErrorException;
import org.junit.jupiter.api.Test;

/**
 * The direct mappings bind and carry errno. These calls are harmless on any Unix, this Linux
 * machine included: poll of no descriptors returns 0 at once, close(-1) fails with EBADF (9 on
 * Linux and every BSD).
 */
class LibCBindingTest {
    @Test
    void everyFunctionBindsAndPollOfNothingReturnsAtOnce() {
        assertEquals(0, LibC.poll(null, 0, 0));
    }

    @Test
    void failuresCarryErrno() {
        LastErrorException e = assertThrows(LastErrorException.class, () -> LibC.close(-1));
        assertEquals(9, e.getErrorCode());
    }
}
