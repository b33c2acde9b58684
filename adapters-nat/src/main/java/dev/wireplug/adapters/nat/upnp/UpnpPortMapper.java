package dev.wireplug.adapters.nat.upnp;

import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.PortMapper;
import dev.wireplug.domain.nat.MappingLease;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.MappingOutcome;
import dev.wireplug.domain.nat.PortMapping;
import dev.wireplug.domain.nat.UnmapOutcome;
import dev.wireplug.domain.net.IpAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * UPnP IGD v1/v2 port mapping: SSDP search (multicast and unicast to the gateway), description
 * fetch, then SOAP on the best WAN service. IGDv2 gets AddAnyPortMapping (the router picks a free
 * port); fault 725 means "permanent leases only" (retry with lease 0, still deleted on shutdown),
 * 718/729 a port conflict (try another), 606 not authorized (secure mode).
 */
final class UpnpPortMapper implements PortMapper {
    static final String DESCRIPTION = "wireplug";
    private static final int CONFLICT_TRIES = 3;

    /** Where to search and how long to wait; tests point these at loopback. */
    record Settings(Optional<InetSocketAddress> multicast, int unicastPort, Duration searchWindow,
            Duration httpTimeout) {
        static Settings standard() {
            return new Settings(Optional.of(new InetSocketAddress(SsdpCodec.MULTICAST_ADDRESS, SsdpCodec.PORT)),
                    SsdpCodec.PORT, Duration.ofMillis(600), Duration.ofMillis(1500));
        }
    }

    /** What renew and unmap need again, kept in the lease token. */
    record Token(URI controlUrl, String serviceType, String internalClient, boolean permanent) {
        byte[] encode() {
            return String.join("\n", controlUrl.toString(), serviceType, internalClient, Boolean.toString(permanent))
                    .getBytes(StandardCharsets.UTF_8);
        }

        static Optional<Token> decode(byte[] token) {
            String[] parts = new String(token, StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 4) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Token(URI.create(parts[0]), parts[1], parts[2], Boolean.parseBoolean(parts[3])));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    private final Clock clock;
    private final Settings settings;
    private HttpClient http;

    UpnpPortMapper(Clock clock, Settings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Made when a gateway first answers SSDP, not before: building an HttpClient sets up the
     * JDK's TLS stack (some 400 classes), which a daemon on a network without UPnP never needs and
     * would carry in its memory all day.
     */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(settings.httpTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return http;
    }

    @Override
    public MappingMethod method() {
        return MappingMethod.UPNP;
    }

    @Override
    public MappingOutcome map(InetAddress gateway, int internalPort, Duration lifetime) {
        List<SsdpResponse> found;
        try {
            found = search(gateway);
        } catch (IOException e) {
            return new MappingOutcome.NotSupported("SSDP search failed: " + e.getMessage());
        }
        if (found.isEmpty()) {
            return new MappingOutcome.NotSupported("no UPnP IGD answered the SSDP search");
        }
        MappingOutcome last = new MappingOutcome.NotSupported("no WAN connection service");
        for (SsdpResponse device : found) {
            List<WanService> services;
            try {
                // Only address literals: a LAN answer must not make us resolve or reach names.
                IpAddresses.parse(device.location().getHost().replace("[", "").replace("]", ""));
                services = DeviceDescriptionParser.wanServices(get(device.location()), device.location());
            } catch (IOException | UpnpException | IllegalArgumentException e) {
                last = new MappingOutcome.NotSupported("description at " + device.location() + ": " + e.getMessage());
                continue;
            }
            for (WanService service : connectedFirst(services)) {
                last = mapOn(service, gateway, internalPort, lifetime);
                if (last instanceof MappingOutcome.Granted) {
                    return last;
                }
            }
        }
        return last;
    }

    /**
     * With several WAN services (a router with both a PPP and an IP connection), the connected one
     * goes first; the order among equals stays the preference order. A single service is not
     * asked: some routers (miniupnpd with a private WAN address) say "not connected" yet map fine.
     */
    private List<WanService> connectedFirst(List<WanService> services) {
        if (services.size() < 2) {
            return services;
        }
        List<WanService> connected = new ArrayList<>();
        List<WanService> others = new ArrayList<>();
        for (WanService s : services) {
            boolean up;
            try {
                up = call(s, "GetStatusInfo", SoapCodec.request(s.serviceType(), "GetStatusInfo", List.of()))
                        instanceof SoapResult.Success ok
                        && ok.argument("NewConnectionStatus").filter("Connected"::equals).isPresent();
            } catch (IOException | UpnpException e) {
                up = false;
            }
            (up ? connected : others).add(s);
        }
        connected.addAll(others);
        return connected;
    }

    private MappingOutcome mapOn(WanService service, InetAddress gateway, int internalPort, Duration lifetime) {
        String client;
        try {
            client = IpAddresses.format(localAddressFor(service.controlUrl()));
        } catch (IOException e) {
            return new MappingOutcome.NotSupported("no route to " + service.controlUrl().getHost());
        }
        Optional<InetAddress> external = externalAddress(service);
        long lease = Math.max(1, lifetime.toSeconds());
        boolean permanent = false;
        int port = internalPort >= 1024 ? internalPort : 1024 + internalPort;
        for (int attempt = 0; attempt < CONFLICT_TRIES + 2; attempt++) {
            String action = service.hasAddAnyPortMapping() ? "AddAnyPortMapping" : "AddPortMapping";
            byte[] body = service.hasAddAnyPortMapping()
                    ? SoapCodec.addAnyPortMapping(service.serviceType(), port, "UDP", internalPort, client, DESCRIPTION,
                            permanent ? 0 : lease)
                    : SoapCodec.addPortMapping(service.serviceType(), port, "UDP", internalPort, client, DESCRIPTION,
                            permanent ? 0 : lease);
            SoapResult result;
            try {
                result = call(service, action, body);
            } catch (IOException | UpnpException e) {
                return new MappingOutcome.NotSupported(action + " failed: " + e.getMessage());
            }
            switch (result) {
                case SoapResult.Success s -> {
                    int granted = port;
                    if (service.hasAddAnyPortMapping()) {
                        Optional<Integer> reserved = s.argument("NewReservedPort").flatMap(UpnpPortMapper::parsePort);
                        if (reserved.isEmpty()) {
                            return new MappingOutcome.Refused("AddAnyPortMapping without NewReservedPort", Duration.ZERO);
                        }
                        granted = reserved.get();
                    }
                    PortMapping mapping = new PortMapping(MappingMethod.UPNP, internalPort, external, granted,
                            clock.now(), Duration.ofSeconds(lease));
                    Token token = new Token(service.controlUrl(), service.serviceType(), client, permanent);
                    return new MappingOutcome.Granted(new MappingLease(mapping, gateway, Optional.empty(), token.encode()));
                }
                case SoapResult.Fault f -> {
                    switch (f.errorCode()) {
                        case SoapResult.Fault.ONLY_PERMANENT_LEASES_SUPPORTED, SoapResult.Fault.INVALID_ARGS -> {
                            if (permanent) {
                                return refused(f);
                            }
                            permanent = true;
                        }
                        case SoapResult.Fault.CONFLICT_IN_MAPPING_ENTRY, SoapResult.Fault.CONFLICT_WITH_OTHER_MECHANISMS -> {
                            port = port >= 65535 ? 1024 : port + 1;
                        }
                        default -> {
                            return refused(f);
                        }
                    }
                }
            }
        }
        return new MappingOutcome.Refused("UPnP: no free external port after " + CONFLICT_TRIES + " tries", Duration.ZERO);
    }

    private static MappingOutcome refused(SoapResult.Fault f) {
        String why = f.errorCode() == SoapResult.Fault.NOT_AUTHORIZED ? "not authorized (UPnP secure mode?)" : f.description();
        return new MappingOutcome.Refused("UPnP error " + f.errorCode() + ": " + why, Duration.ZERO);
    }

    @Override
    public MappingOutcome renew(MappingLease lease, Duration lifetime) {
        Optional<Token> token = Token.decode(lease.token());
        if (token.isEmpty()) {
            return new MappingOutcome.NotSupported("lease was not made by UPnP");
        }
        Token t = token.get();
        long seconds = t.permanent() ? 0 : Math.max(1, lifetime.toSeconds());
        // Re-adding our own mapping with the same external port refreshes its lease on every IGD.
        byte[] body = SoapCodec.addPortMapping(t.serviceType(), lease.mapping().externalPort(), "UDP",
                lease.mapping().internalPort(), t.internalClient(), DESCRIPTION, seconds);
        WanService service = new WanService(t.serviceType(), t.controlUrl());
        try {
            SoapResult result = call(service, "AddPortMapping", body);
            if (result instanceof SoapResult.Fault f) {
                return refused(f);
            }
        } catch (IOException | UpnpException e) {
            return new MappingOutcome.NotSupported("AddPortMapping failed: " + e.getMessage());
        }
        PortMapping m = lease.mapping();
        PortMapping renewed = new PortMapping(MappingMethod.UPNP, m.internalPort(), externalAddress(service),
                m.externalPort(), clock.now(), Duration.ofSeconds(Math.max(1, lifetime.toSeconds())));
        return new MappingOutcome.Granted(new MappingLease(renewed, lease.gateway(), Optional.empty(), lease.token()));
    }

    @Override
    public UnmapOutcome unmap(MappingLease lease) {
        Optional<Token> token = Token.decode(lease.token());
        if (token.isEmpty()) {
            return UnmapOutcome.FAILED;
        }
        WanService service = new WanService(token.get().serviceType(), token.get().controlUrl());
        try {
            SoapResult r = call(service, "DeletePortMapping",
                    SoapCodec.deletePortMapping(service.serviceType(), lease.mapping().externalPort(), "UDP"));
            return switch (r) {
                case SoapResult.Success s -> UnmapOutcome.DELETED;
                case SoapResult.Fault f when f.errorCode() == SoapResult.Fault.NO_SUCH_ENTRY_IN_ARRAY -> UnmapOutcome.ALREADY_GONE;
                case SoapResult.Fault f -> UnmapOutcome.FAILED;
            };
        } catch (IOException | UpnpException e) {
            return UnmapOutcome.FAILED;
        }
    }

    /** Empty, 0.0.0.0 or unparsable answers (miniupnpd 2.3.9 with a private WAN) give nothing. */
    private Optional<InetAddress> externalAddress(WanService service) {
        try {
            SoapResult r = call(service, "GetExternalIPAddress", SoapCodec.getExternalIpAddress(service.serviceType()));
            if (r instanceof SoapResult.Success s) {
                Optional<String> text = s.argument("NewExternalIPAddress").filter(x -> !x.isBlank());
                if (text.isPresent()) {
                    InetAddress a = IpAddresses.parse(text.get());
                    return a.isAnyLocalAddress() ? Optional.empty() : Optional.of(a);
                }
            }
        } catch (IOException | UpnpException | IllegalArgumentException e) {
            // unknown external address: the policy then verifies the mapping before using it
        }
        return Optional.empty();
    }

    private List<SsdpResponse> search(InetAddress gateway) throws IOException {
        Map<URI, SsdpResponse> byLocation = new LinkedHashMap<>();
        try (MulticastSocket socket = new MulticastSocket(new InetSocketAddress(0))) {
            socket.setTimeToLive(2);
            List<InetSocketAddress> targets = new ArrayList<>();
            settings.multicast().ifPresent(targets::add);
            targets.add(new InetSocketAddress(gateway, settings.unicastPort()));
            for (String st : List.of(SsdpCodec.IGD_V2, SsdpCodec.IGD_V1)) {
                byte[] msg = SsdpCodec.mSearch(st, 1);
                for (InetSocketAddress target : targets) {
                    try {
                        socket.send(new DatagramPacket(msg, msg.length, target));
                    } catch (IOException e) {
                        // no multicast route on this host: the unicast search may still work
                    }
                }
            }
            long deadline = System.nanoTime() + settings.searchWindow().toNanos();
            long settleBy = Long.MAX_VALUE;
            byte[] buf = new byte[SsdpCodec.MAX_DATAGRAM];
            while (true) {
                long left = Math.min(deadline, settleBy) - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                try {
                    SsdpResponse r = SsdpCodec.parseResponse(p.getData(), p.getLength());
                    if (r.searchTarget().contains(":InternetGatewayDevice:")) {
                        byLocation.putIfAbsent(r.location(), r);
                        // Both IGD versions may answer; give the others a moment, then stop.
                        settleBy = Math.min(settleBy, System.nanoTime() + 100_000_000L);
                    }
                } catch (UpnpException e) {
                    // not an answer we can use
                }
            }
        }
        List<SsdpResponse> out = new ArrayList<>(byLocation.values());
        // IGDv2 first, and the gateway's own description before any other device's.
        out.sort((a, b) -> Integer.compare(rank(a, gateway), rank(b, gateway)));
        return out;
    }

    private static int rank(SsdpResponse r, InetAddress gateway) {
        int rank = r.isIgdV2() ? 0 : 2;
        return rank + (gateway.getHostAddress().equals(r.location().getHost()) ? 0 : 1);
    }

    private byte[] get(URI location) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(location).timeout(settings.httpTimeout()).GET().build();
        HttpResponse<InputStream> response = send(request);
        byte[] body = readCapped(response.body());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return body;
    }

    private SoapResult call(WanService service, String action, byte[] body) throws IOException, UpnpException {
        HttpRequest request = HttpRequest.newBuilder(service.controlUrl())
                .timeout(settings.httpTimeout())
                .header("Content-Type", SoapCodec.contentType())
                .header("SOAPAction", SoapCodec.soapActionHeader(service.serviceType(), action))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<InputStream> response = send(request);
        return SoapCodec.parseResponse(response.statusCode(), readCapped(response.body()), action);
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        try (in) {
            byte[] data = in.readNBytes(SecureXml.MAX_DOCUMENT + 1);
            return data.length > SecureXml.MAX_DOCUMENT ? Arrays.copyOf(data, SecureXml.MAX_DOCUMENT + 1) : data;
        }
    }

    private static InetAddress localAddressFor(URI url) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            InetAddress host = IpAddresses.parse(url.getHost().replace("[", "").replace("]", ""));
            s.connect(new InetSocketAddress(host, url.getPort() > 0 ? url.getPort() : 80));
            InetAddress local = s.getLocalAddress();
            if (local.isAnyLocalAddress()) {
                throw new IOException("no local address towards " + host);
            }
            return local;
        } catch (IllegalArgumentException e) {
            throw new IOException("control URL host is not an address: " + url.getHost(), e);
        }
    }

    private static Optional<Integer> parsePort(String s) {
        try {
            int p = Integer.parseInt(s.strip());
            return p >= 1 && p <= 65535 ? Optional.of(p) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
