package dev.wireplug.adapters.wireguard.bsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.adapters.wireguard.bsd.IfconfigCommands.BsdSystem;
import dev.wireplug.adapters.wireguard.bsd.IfconfigCommands.InterfaceSetup;
import dev.wireplug.domain.net.IpPrefix;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Expected lists follow wireguard-tools' src/wg-quick/{openbsd,freebsd,darwin}.bash. */
class IfconfigCommandsTest {
    private static final InterfaceSetup SETUP = new InterfaceSetup(
            List.of(IpPrefix.parse("10.8.0.2/24"), IpPrefix.parse("fd00:8::2/64")),
            OptionalInt.of(1420),
            List.of(IpPrefix.parse("10.8.0.0/24"), IpPrefix.parse("10.9.1.7/32"), IpPrefix.parse("fd00:8::/64")));

    @Test
    void freeBsdRoutesNameTheInterface() {
        assertEquals(List.of(
                List.of("ifconfig", "wg0", "inet", "10.8.0.2/24", "alias"),
                List.of("ifconfig", "wg0", "inet6", "fd00:8::2/64", "alias"),
                List.of("ifconfig", "wg0", "mtu", "1420"),
                List.of("ifconfig", "wg0", "up"),
                // most specific first, as sort -nr -k 2 -t / orders wg show's allowed-ips: 64, 32, 24
                List.of("route", "-q", "-n", "add", "-inet6", "fd00:8::/64", "-interface", "wg0"),
                List.of("route", "-q", "-n", "add", "-inet", "10.9.1.7/32", "-interface", "wg0"),
                List.of("route", "-q", "-n", "add", "-inet", "10.8.0.0/24", "-interface", "wg0")),
                IfconfigCommands.up(BsdSystem.FREEBSD, "wg0", SETUP));
    }

    @Test
    void openBsdRoutesGoThroughTheFirstAddressOfTheFamily() {
        assertEquals(List.of(
                List.of("ifconfig", "wg1", "inet", "10.8.0.2/24", "alias"),
                List.of("ifconfig", "wg1", "inet6", "fd00:8::2/64", "alias"),
                List.of("ifconfig", "wg1", "mtu", "1420"),
                List.of("ifconfig", "wg1", "up"),
                List.of("route", "-q", "-n", "add", "-inet6", "fd00:8::/64", "-iface", "fd00:8::2"),
                List.of("route", "-q", "-n", "add", "-inet", "10.9.1.7/32", "-iface", "10.8.0.2"),
                List.of("route", "-q", "-n", "add", "-inet", "10.8.0.0/24", "-iface", "10.8.0.2")),
                IfconfigCommands.up(BsdSystem.OPENBSD, "wg1", SETUP));
    }

    @Test
    void macOsGivesIpv4AddressesThemselvesAsDestination() {
        List<List<String>> commands = IfconfigCommands.up(BsdSystem.DARWIN, "utun4", SETUP);
        assertEquals(List.of("ifconfig", "utun4", "inet", "10.8.0.2/24", "10.8.0.2", "alias"), commands.get(0));
        assertEquals(List.of("ifconfig", "utun4", "inet6", "fd00:8::2/64", "alias"), commands.get(1));
        assertEquals(List.of("route", "-q", "-n", "add", "-inet6", "fd00:8::/64", "-interface", "utun4"),
                commands.get(4));
    }

    @Test
    void aDefaultRouteBecomesTwoHalvesSoTheRealDefaultSurvives() {
        InterfaceSetup all = new InterfaceSetup(List.of(IpPrefix.parse("10.8.0.2/32")), OptionalInt.empty(),
                List.of(IpPrefix.parse("0.0.0.0/0")));
        assertEquals(List.of(
                List.of("ifconfig", "wg0", "inet", "10.8.0.2/32", "alias"),
                List.of("ifconfig", "wg0", "up"),
                List.of("route", "-q", "-n", "add", "-inet", "0.0.0.0/1", "-interface", "wg0"),
                List.of("route", "-q", "-n", "add", "-inet", "128.0.0.0/1", "-interface", "wg0")),
                IfconfigCommands.up(BsdSystem.FREEBSD, "wg0", all));
        InterfaceSetup all6 = new InterfaceSetup(List.of(IpPrefix.parse("fd00::2/128")), OptionalInt.empty(),
                List.of(IpPrefix.parse("::/0")));
        List<List<String>> open = IfconfigCommands.up(BsdSystem.OPENBSD, "wg0", all6);
        assertEquals(List.of("route", "-q", "-n", "add", "-inet6", "::/1", "-iface", "fd00::2"), open.get(2));
        assertEquals(List.of("route", "-q", "-n", "add", "-inet6", "8000::/1", "-iface", "fd00::2"), open.get(3));
    }

    @Test
    void routesUseTheNetworkNotTheHostBits() {
        InterfaceSetup setup = new InterfaceSetup(List.of(), OptionalInt.empty(), List.of(IpPrefix.parse("10.1.2.3/16")));
        assertEquals(List.of("route", "-q", "-n", "add", "-inet", "10.1.0.0/16", "-interface", "wg0"),
                IfconfigCommands.up(BsdSystem.FREEBSD, "wg0", setup).get(1));
    }

    @Test
    void openBsdRefusesARouteWithoutALocalAddressOfItsFamily() {
        InterfaceSetup setup = new InterfaceSetup(List.of(IpPrefix.parse("10.8.0.2/24")), OptionalInt.empty(),
                List.of(IpPrefix.parse("fd00::/64")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IfconfigCommands.up(BsdSystem.OPENBSD, "wg0", setup));
        assertTrue(e.getMessage().contains("IPv6"), e.getMessage());
    }
}
