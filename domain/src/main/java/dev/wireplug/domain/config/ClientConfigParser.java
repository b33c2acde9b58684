package dev.wireplug.domain.config;

import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.HostPort;
import dev.wireplug.domain.net.IpPrefix;
import dev.wireplug.domain.peer.Peer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the wg-quick style config WireGuard users already know, plus a {@code [Wireplug]} section.
 * Names of sections and keys are case-insensitive, as in wg(8); {@code #} starts a comment.
 * Every problem is reported with its line; nothing is guessed.
 */
public final class ClientConfigParser {
    private static final Set<String> WG_QUICK_ONLY =
            Set.of("dns", "table", "preup", "postup", "predown", "postdown", "saveconfig");

    private ClientConfigParser() {}

    public static ClientConfig parse(String source, List<String> lines) throws ConfigException {
        return new Run(source).parse(lines);
    }

    private enum Section { NONE, INTERFACE, PEER, WIREPLUG }

    /** One parse: the sections seen so far and the values of the section being read. */
    private static final class Run {
        private final String source;
        private Section section = Section.NONE;
        private int sectionLine;
        private final Map<String, Integer> seenKeys = new HashMap<>();

        private int interfaceLine;
        private PrivateKey privateKey;
        private OptionalInt listenPort = OptionalInt.empty();
        private final List<IpPrefix> addresses = new ArrayList<>();
        private OptionalInt mtu = OptionalInt.empty();

        private int wireplugLine;
        private WireplugSettings wireplug = WireplugSettings.defaults();

        private PublicKey peerKey;
        private final List<IpPrefix> allowedIps = new ArrayList<>();
        private Optional<Endpoint> endpoint = Optional.empty();
        private Optional<Duration> keepalive = Optional.empty();
        private final List<PeerSettings> peers = new ArrayList<>();
        private final Map<PublicKey, Integer> peerLines = new HashMap<>();

        Run(String source) {
            this.source = source;
        }

        ClientConfig parse(List<String> lines) throws ConfigException {
            for (int i = 0; i < lines.size(); i++) {
                parseLine(i + 1, lines.get(i));
            }
            endSection(lines.size());
            if (interfaceLine == 0) {
                throw error(0, "missing [Interface] section (it needs at least PrivateKey = ...)");
            }
            if (privateKey == null) {
                throw error(interfaceLine, "[Interface] has no PrivateKey (create one with wireplugd IFNAME --generate-config)");
            }
            return new ClientConfig(new InterfaceSettings(privateKey, listenPort, addresses, mtu), peers, wireplug);
        }

        private void parseLine(int number, String raw) throws ConfigException {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                return;
            }
            if (line.startsWith("[")) {
                startSection(number, line);
                return;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw error(number, "expected 'Key = Value' or a [Section], got '" + line + "'");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (section == Section.NONE) {
                throw error(number, "'" + key + "' appears before any [Interface], [Peer] or [Wireplug] section");
            }
            if (value.isEmpty()) {
                throw error(number, key + " has no value");
            }
            String name = key.toLowerCase(Locale.ROOT);
            boolean repeatable = name.equals("address") || name.equals("allowedips");
            Integer earlier = seenKeys.putIfAbsent(name, number);
            if (earlier != null && !repeatable) {
                throw error(number, key + " is given twice in this section (first on line " + earlier + ")");
            }
            try {
                switch (section) {
                    case INTERFACE -> interfaceKey(name, key, value);
                    case PEER -> peerKey(number, name, key, value);
                    case WIREPLUG -> wireplugKey(name, key, value);
                    case NONE -> throw new IllegalStateException();
                }
            } catch (IllegalArgumentException e) {
                throw error(number, key + ": " + e.getMessage());
            }
        }

        private void startSection(int number, String line) throws ConfigException {
            if (!line.endsWith("]")) {
                throw error(number, "section header '" + line + "' has no closing ']'");
            }
            String name = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
            endSection(number);
            seenKeys.clear();
            sectionLine = number;
            switch (name) {
                case "interface" -> {
                    if (interfaceLine != 0) {
                        throw error(number, "a second [Interface] section (the first is on line " + interfaceLine + ")");
                    }
                    interfaceLine = number;
                    section = Section.INTERFACE;
                }
                case "peer" -> section = Section.PEER;
                case "wireplug" -> {
                    if (wireplugLine != 0) {
                        throw error(number, "a second [Wireplug] section (the first is on line " + wireplugLine + ")");
                    }
                    wireplugLine = number;
                    section = Section.WIREPLUG;
                }
                default -> throw error(number, "unknown section " + line
                        + " (expected [Interface], [Peer] or [Wireplug])");
            }
        }

        private void endSection(int number) throws ConfigException {
            if (section != Section.PEER) {
                return;
            }
            if (peerKey == null) {
                throw error(sectionLine, "[Peer] has no PublicKey");
            }
            Integer first = peerLines.putIfAbsent(peerKey, sectionLine);
            if (first != null) {
                throw error(sectionLine, "duplicate peer " + peerKey + " (already listed in the [Peer] on line "
                        + first + ")");
            }
            peers.add(new PeerSettings(new Peer(peerKey, allowedIps, endpoint, keepalive), sectionLine));
            peerKey = null;
            allowedIps.clear();
            endpoint = Optional.empty();
            keepalive = Optional.empty();
        }

        private void interfaceKey(String name, String key, String value) {
            switch (name) {
                case "privatekey" -> privateKey = PrivateKey.parse(value);
                case "listenport" -> listenPort = OptionalInt.of(dev.wireplug.domain.net.Ports.parse(value));
                case "address" -> addresses.addAll(prefixes(value));
                case "mtu" -> mtu = OptionalInt.of(boundedInt(value, InterfaceSettings.MIN_MTU, InterfaceSettings.MAX_MTU));
                default -> throw unknownKey(name, key, "PrivateKey, ListenPort, Address, MTU");
            }
        }

        private void peerKey(int number, String name, String key, String value) {
            switch (name) {
                case "publickey" -> peerKey = PublicKey.parse(value);
                case "allowedips" -> allowedIps.addAll(prefixes(value));
                case "endpoint" -> endpoint = Optional.of(Endpoint.parse(value));
                case "persistentkeepalive" -> keepalive = value.equalsIgnoreCase("off")
                        ? Optional.empty()
                        : Optional.of(Duration.ofSeconds(boundedInt(value, 0, 65535)));
                case "presharedkey" -> throw new IllegalArgumentException(
                        "preshared keys are not supported yet; remove the line or use wg-quick for this peer");
                default -> throw unknownKey(name, key, "PublicKey, AllowedIPs, Endpoint, PersistentKeepalive");
            }
        }

        private void wireplugKey(String name, String key, String value) {
            WireplugSettings w = wireplug;
            wireplug = switch (name) {
                case "coordinator" -> new WireplugSettings(
                        Optional.of(HostPort.parse(value, WireplugSettings.DEFAULT_COORDINATOR_PORT)),
                        w.coordinatorKey(), w.natTraversal(), w.portMapping(), w.relay(), w.implementation());
                case "coordinatorkey" -> new WireplugSettings(w.coordinator(), Optional.of(PublicKey.parse(value)),
                        w.natTraversal(), w.portMapping(), w.relay(), w.implementation());
                case "nattraversal" -> new WireplugSettings(w.coordinator(), w.coordinatorKey(), onOff(value),
                        w.portMapping(), w.relay(), w.implementation());
                case "portmapping" -> new WireplugSettings(w.coordinator(), w.coordinatorKey(), w.natTraversal(),
                        mappingMethods(value), w.relay(), w.implementation());
                case "relay" -> new WireplugSettings(w.coordinator(), w.coordinatorKey(), w.natTraversal(),
                        w.portMapping(), onOff(value), w.implementation());
                case "wireguardimplementation" -> new WireplugSettings(w.coordinator(), w.coordinatorKey(),
                        w.natTraversal(), w.portMapping(), w.relay(), WireGuardImplementation.parse(value));
                default -> throw unknownKey(name, key,
                        "Coordinator, CoordinatorKey, NatTraversal, PortMapping, Relay, WireGuardImplementation");
            };
        }

        private static IllegalArgumentException unknownKey(String name, String key, String known) {
            if (WG_QUICK_ONLY.contains(name)) {
                return new IllegalArgumentException("is a wg-quick setting that wireplugd does not apply;"
                        + " remove it (known keys here: " + known + ")");
            }
            return new IllegalArgumentException("unknown key '" + key + "' (known keys here: " + known + ")");
        }

        private static List<IpPrefix> prefixes(String value) {
            List<IpPrefix> out = new ArrayList<>();
            for (String part : value.split(",", -1)) {
                if (part.isBlank()) {
                    throw new IllegalArgumentException("empty entry in a comma-separated list");
                }
                out.add(IpPrefix.parse(part));
            }
            return out;
        }

        private static List<MappingMethod> mappingMethods(String value) {
            if (value.strip().equalsIgnoreCase("none")) {
                return List.of();
            }
            Set<MappingMethod> methods = new LinkedHashSet<>();
            for (String part : value.split(",", -1)) {
                if (part.isBlank()) {
                    throw new IllegalArgumentException("empty entry in a comma-separated list");
                }
                if (part.strip().equalsIgnoreCase("none")) {
                    throw new IllegalArgumentException("'none' cannot be combined with other methods");
                }
                if (!methods.add(MappingMethod.parse(part))) {
                    throw new IllegalArgumentException("'" + part.strip() + "' is listed twice");
                }
            }
            return List.copyOf(methods);
        }

        private static boolean onOff(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "on", "yes", "true" -> true;
                case "off", "no", "false" -> false;
                default -> throw new IllegalArgumentException("'" + value + "' is not on or off");
            };
        }

        private static int boundedInt(String value, int min, int max) {
            if (value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("'" + value + "' is not a number");
            }
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(n + " is outside " + min + "-" + max);
            }
            return n;
        }

        private ConfigException error(int line, String problem) {
            return new ConfigException(source, line, problem);
        }
    }
}
