package dev.wireplug.domain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.HostPort;
import dev.wireplug.domain.net.IpAddresses;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerConfigParserTest {
    private static ServerConfig parse(String text) throws ConfigException {
        return ServerConfigParser.parse("/etc/wpcod.conf", text.lines().toList(), ServerConfig.defaults());
    }

    @Test
    void readsEveryKey() throws ConfigException {
        ServerConfig c = parse("""
                # coordinator
                Listen = 198.18.0.10:4000
                alternateaddress = 198.18.0.11   # RFC 5780
                KeyFile = /srv/wpcod/key
                Store = redis://127.0.0.1:6379/2
                Metrics = 127.0.0.1
                Relay = off
                RelayDataPlane = NFTables
                """);
        assertEquals(Endpoint.parse("198.18.0.10:4000"), c.listen());
        assertEquals(Optional.of(IpAddresses.parse("198.18.0.11")), c.alternateAddress());
        assertEquals(Path.of("/srv/wpcod/key"), c.keyFile());
        assertEquals("redis://127.0.0.1:6379/2", c.store());
        assertEquals(Optional.of(new HostPort("127.0.0.1", 9108)), c.metrics());
        assertFalse(c.relay());
        assertEquals("nftables", c.relayDataPlane());
    }

    @Test
    void aStoreIsMemoryOrARedisUrlWithPasswordOrCluster() throws ConfigException {
        assertEquals("redis://:s3cr3t@10.0.0.5:6379/1", parse("Store = redis://:s3cr3t@10.0.0.5:6379/1\n").store());
        assertEquals("redis+cluster://10.0.0.5:7000", parse("Store = redis+cluster://10.0.0.5:7000\n").store());
        assertEquals("memory", parse("Store = memory\n").store());
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> parse("Store = mysql://db\n"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("redis+cluster://"), e.getMessage());
    }

    @Test
    void anEmptyFileKeepsTheDefaults() throws ConfigException {
        assertEquals(ServerConfig.defaults(), parse("# nothing\n\n"));
        assertEquals(3478, ServerConfig.defaults().listen().port());
    }

    @Test
    void aBareListenAddressUsesTheDefaultPort() throws ConfigException {
        assertEquals(Endpoint.parse("198.18.0.10:3478"), parse("Listen = 198.18.0.10").listen());
        assertEquals(Endpoint.parse("[2001:db8::10]:3478"), parse("Listen = 2001:db8::10").listen());
        assertEquals(Endpoint.parse("[2001:db8::10]:9"), parse("Listen = [2001:db8::10]:9").listen());
    }

    @Test
    void errorsNameTheLine() {
        for (String bad : List.of("Listen = nowhere:1", "Listen", "Store = mysql://x", "Relay = sometimes",
                "RelayDataPlane = ebpf", "Colour = blue", "AlternateAddress = host.example", "Metrics = a b")) {
            ConfigException e = assertThrows(ConfigException.class, () -> parse("# first\n" + bad));
            assertEquals(2, e.line(), bad);
            assertTrue(e.getMessage().startsWith("/etc/wpcod.conf:2: "), e.getMessage());
        }
        assertEquals(3, assertThrows(ConfigException.class, () -> parse("\nStore = memory\nstore = memory")).line());
    }
}
