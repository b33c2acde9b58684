package dev.wireplug.bootstrap.client;

import dev.wireplug.adapters.transport.control.UnixSocketStatusServer;
import dev.wireplug.adapters.transport.netty.NettyCoordinatorClient;
import dev.wireplug.application.port.in.StatusUseCase;
import dev.wireplug.application.port.out.DeviceException;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.application.port.out.WireGuardInterfaceStarter;
import dev.wireplug.application.roaming.PortMappingKeeper;
import dev.wireplug.application.roaming.RoamingLoop;
import dev.wireplug.application.roaming.RoamingService;
import dev.wireplug.application.roaming.RoamingSettings;
import dev.wireplug.application.status.DaemonStatus;
import dev.wireplug.domain.config.ClientConfig;
import dev.wireplug.domain.config.PeerSettings;
import dev.wireplug.domain.config.WireGuardImplementation;
import dev.wireplug.domain.device.DeviceState;
import dev.wireplug.domain.device.DeviceSync;
import dev.wireplug.domain.key.KeyPair;
import dev.wireplug.domain.key.PrivateKey;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.nat.NatKind;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.HostPort;
import dev.wireplug.domain.net.InterfaceName;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * wireplugd in the foreground: configures the device (unless told not to), runs the roaming loop
 * against the coordinator, serves status, and undoes what it started on SIGTERM.
 */
final class ClientDaemon {
    private static final System.Logger LOG = System.getLogger("dev.wireplug.wireplugd");
    /** Peers without a PersistentKeepalive get this one, so NAT mappings stay open both ways. */
    static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(25);
    static final Duration PATH_TIMEOUT = Duration.ofSeconds(8);
    static final Duration TICK = Duration.ofMillis(500);
    /** When start-up's garbage is collected and the heap it grew handed back (see {@link SettledCollection}). */
    static final Duration SETTLED = Duration.ofSeconds(20);

    /** How the daemon was asked to run. */
    record Options(InterfaceName name, ClientConfig config, boolean applyConfig, boolean natTraversal,
            Path controlSocket, Path knownCoordinators, Duration portMappingLifetime) {
        Options(InterfaceName name, ClientConfig config, boolean applyConfig, boolean natTraversal,
                Path controlSocket, Path knownCoordinators) {
            this(name, config, applyConfig, natTraversal, controlSocket, knownCoordinators,
                    PortMappings.DEFAULT_LIFETIME);
        }
    }

    /** A failure to report in one line and exit with 1. */
    static final class DaemonException extends Exception {
        private static final long serialVersionUID = 1L;

        DaemonException(String message) {
            super(message);
        }
    }

    private final ClientComponent wired;
    private final Options options;
    private final List<AutoCloseable> running = new ArrayList<>();
    private PortMappingKeeper mappings = PortMappingKeeper.disabled();

    ClientDaemon(ClientComponent wired, Options options) {
        this.wired = wired;
        this.options = options;
    }

    /** Starts everything, then blocks until the JVM is asked to stop. */
    void runUntilStopped() throws DaemonException {
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            start();
        } catch (DaemonException | RuntimeException e) {
            stop();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.log(Level.INFO, "event=stopping interface={0}", options.name());
            stop();
            LOG.log(Level.INFO, "event=stopped interface={0}", options.name());
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start() throws DaemonException {
        ClientConfig config = options.config();
        if (config.wireplug().implementation() == WireGuardImplementation.USERSPACE) {
            WireGuardInterfaceStarter.Running started = call(() -> wired.interfaceStarter().start(options.name()));
            running.add(started);
            if (started.startedHere()) {
                LOG.log(Level.INFO, "event=started_wireguard_go interface={0}", options.name());
            }
        }
        WireGuardDevice device = wired.wireGuardDevice();
        DeviceState state = call(device::read);
        if (options.applyConfig()) {
            call(() -> {
                device.apply(DeviceSync.change(config, state));
                wired.interfaceConfigurator().configure(DeviceSync.interfaceSetup(options.name(), config));
                return null;
            });
            LOG.log(Level.INFO, "event=configured interface={0} backend=\"{1}\" peers={2}", options.name(),
                    device.backendName(), config.peers().size());
        }
        StatusUseCase status;
        if (config.wireplug().coordinator().isPresent()) {
            RoamingLoop loop = roaming(device, config);
            running.add(loop);
            // Closed before the loop (reverse order): the mapping is deleted first, well within
            // the time a service manager grants between SIGTERM and SIGKILL.
            running.add(mappings);
            call(() -> {
                loop.start();
                return null;
            });
            status = loop.service()::status;
        } else {
            LOG.log(Level.WARNING, "event=no_coordinator interface={0} note=\"no Coordinator in [Wireplug]:"
                    + " endpoints stay as configured\"", options.name());
            status = () -> staticStatus(device);
        }
        try {
            running.add(UnixSocketStatusServer.start(options.controlSocket(), status, wired.clock()));
        } catch (IOException e) {
            throw new DaemonException("cannot serve status on " + options.controlSocket() + ": " + e.getMessage());
        }
        LOG.log(Level.INFO, "event=running interface={0} status_socket={1}", options.name(), options.controlSocket());
        running.add(SettledCollection.schedule(SETTLED, System::gc));
    }

    private RoamingLoop roaming(WireGuardDevice device, ClientConfig config) throws DaemonException {
        HostPort coordinator = config.wireplug().coordinator().orElseThrow();
        InetAddress address;
        try {
            address = InetAddress.getByName(coordinator.host());
        } catch (UnknownHostException e) {
            throw new DaemonException("cannot resolve the coordinator " + coordinator.host() + ": " + e.getMessage());
        }
        PublicKey coordinatorKey = new CoordinatorKeys(options.knownCoordinators())
                .settle(coordinator, new Endpoint(address, coordinator.port()), config.wireplug().coordinatorKey());
        PrivateKey privateKey = config.interfaceSettings().privateKey();
        KeyPair identity = new KeyPair(privateKey, wired.keyGenerator().publicKeyOf(privateKey));
        NettyCoordinatorClient client = new NettyCoordinatorClient(identity, coordinatorKey,
                new InetSocketAddress(address, coordinator.port()), new InetSocketAddress(0), wired.clock(),
                wired.random());
        RoamingSettings settings = new RoamingSettings(options.name().value(), identity,
                config.peers().stream().map(PeerSettings::peer).toList(), new Endpoint(address, coordinator.port()),
                config.interfaceSettings().listenPort().isPresent()
                        ? Optional.of(config.interfaceSettings().listenPort().getAsInt()) : Optional.empty(),
                options.natTraversal() && config.wireplug().natTraversal(), DEFAULT_KEEPALIVE, PATH_TIMEOUT,
                options.applyConfig());
        mappings = new PortMappings(wired, running).keeper(config.wireplug().portMapping(),
                options.portMappingLifetime());
        RoamingService service = new RoamingService(settings, device, wired.networkMonitor(), client,
                wired.hintSealer(), wired.natProber(), wired.clock(), wired.random()::nextInt, mappings);
        return new RoamingLoop(service, wired.networkMonitor(), client, TICK);
    }

    private DaemonStatus staticStatus(WireGuardDevice device) {
        List<DaemonStatus.PeerStatus> peers = new ArrayList<>();
        int port = 0;
        try {
            DeviceState state = device.read();
            port = state.listenPort();
            state.peers().forEach(p -> peers.add(new DaemonStatus.PeerStatus(p.publicKey().toBase64(), p.endpoint(),
                    "configured", "no coordinator", p.lastHandshake(), p.rxBytes(), p.txBytes())));
        } catch (DeviceException e) {
            LOG.log(Level.WARNING, "event=device_unreadable error=\"{0}\"", e.getMessage());
        }
        return new DaemonStatus(options.name().value(), device.backendName(), port, NatKind.UNKNOWN,
                Optional.empty(), Optional.empty(), "none", false, peers);
    }

    private void stop() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "event=stop_failed part={0} error=\"{1}\"",
                        running.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
        running.clear();
    }

    @FunctionalInterface
    private interface DeviceCall<T> {
        T call() throws DeviceException;
    }

    private static <T> T call(DeviceCall<T> call) throws DaemonException {
        try {
            return call.call();
        } catch (DeviceException e) {
            throw new DaemonException(e.getMessage());
        }
    }
}
