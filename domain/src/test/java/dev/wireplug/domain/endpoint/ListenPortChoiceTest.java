package dev.wireplug.domain.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.endpoint.ListenPortChoice.NetworkIdentity;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ListenPortChoiceTest {
    private static final NetworkIdentity HOME = new NetworkIdentity("10.1.0.1", "10.1.0.2");
    private static final NetworkIdentity CAFE = new NetworkIdentity("10.2.0.1", "10.2.0.7");
    private static final NetworkIdentity OFFICE = new NetworkIdentity("10.3.0.1", "10.3.0.9");

    @Test
    void aConfiguredPortAlwaysWins() {
        ListenPortChoice choice = new ListenPortChoice(Optional.of(51820), new Random(1)::nextInt);
        assertEquals(51820, choice.portFor(HOME));
        assertEquals(51820, choice.portFor(CAFE));
    }

    @Test
    void staysOnTheSamePortWhileOnTheSameNetwork() {
        ListenPortChoice choice = new ListenPortChoice(Optional.empty(), new Random(1)::nextInt);
        int port = choice.portFor(HOME);
        assertEquals(port, choice.portFor(HOME));
    }

    @Test
    void aNewNetworkGetsAFreshPortAndReturningGetsTheOldOneBack() {
        ListenPortChoice choice = new ListenPortChoice(Optional.empty(), new Random(7)::nextInt);
        int home = choice.portFor(HOME);
        int cafe = choice.portFor(CAFE);
        assertNotEquals(home, cafe);
        assertEquals(home, choice.portFor(HOME), "back home: the NAT may still hold our mapping");
        int office = choice.portFor(OFFICE);
        assertNotEquals(home, office);
    }

    @Test
    void portsStayInTheDynamicRangeAndNeverRepeatTheCurrentOne() {
        int[] values = {0, ListenPortChoice.HIGHEST - ListenPortChoice.LOWEST + 1, 5};
        int[] next = {0};
        ListenPortChoice choice = new ListenPortChoice(Optional.empty(), () -> values[next[0]++ % values.length]);
        int first = choice.portFor(HOME);
        assertEquals(ListenPortChoice.LOWEST, first);
        int second = choice.portFor(CAFE);
        assertNotEquals(first, second, "the random source repeated the port, so it was drawn again");
        assertEquals(ListenPortChoice.LOWEST + 5, second);
        Random random = new Random(3);
        ListenPortChoice many = new ListenPortChoice(Optional.empty(), random::nextInt);
        for (int i = 0; i < 1000; i++) {
            int port = many.portFor(new NetworkIdentity("gw" + i, "a"));
            assertTrue(port >= ListenPortChoice.LOWEST && port <= ListenPortChoice.HIGHEST, "port " + port);
        }
    }
}
