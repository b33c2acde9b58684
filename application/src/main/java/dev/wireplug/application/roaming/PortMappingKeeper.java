package dev.wireplug.application.roaming;

import dev.wireplug.application.port.in.PortMappingUseCase;
import dev.wireplug.application.port.out.MappingPublisher;
import dev.wireplug.application.port.out.Scheduler;
import dev.wireplug.domain.nat.MappingMethod;
import dev.wireplug.domain.nat.PortMapping;
import dev.wireplug.domain.nat.policy.MappingStatus;
import dev.wireplug.domain.net.Endpoint;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The roaming loop's link to port mapping: one {@link PortMappingUseCase} per network and
 * WireGuard listen port (a new network means a new gateway and maybe a new port), the endpoint
 * it publishes, and a flag telling the loop to announce again.
 *
 * <p>Trust: the policy publishes a mapping only when the gateway's external address is the one
 * the coordinator observed, or after a verification. A gateway that reports no usable external
 * address (miniupnpd over UPnP answers an empty one) gets the observed address with the mapped
 * port, and the verification is the peers' WireGuard handshake: a peer tries the mapped endpoint
 * first and, without a handshake within its path timeout, moves on (relay, observed address).
 * A gateway that reports another public address than the observed one sits behind a second NAT:
 * its mapping is never announced.
 *
 * <p>Network events, observations and {@link #takeChanged()} come from the roaming thread;
 * publications come from the mapping service's threads; {@link #close()} from the shutdown hook.
 * No lock is held while calling the service, which calls back under its own lock.
 */
public final class PortMappingKeeper implements AutoCloseable {
    private static final Logger LOG = System.getLogger(PortMappingKeeper.class.getName());

    /** Builds the mapping service for one listen port, reporting to {@code publisher}. */
    @FunctionalInterface
    public interface ServiceFactory {
        PortMappingUseCase create(int internalPort, MappingPublisher publisher);
    }

    /** The service of the current network and what it last published. */
    private record Current(int port, PortMappingUseCase service, AtomicReference<Optional<Endpoint>> external) {}

    private final Optional<ServiceFactory> factory;
    private final Scheduler background;
    private final AtomicReference<Optional<Current>> current = new AtomicReference<>(Optional.empty());
    private final AtomicBoolean changed = new AtomicBoolean();

    public PortMappingKeeper(ServiceFactory factory, Scheduler background) {
        this(Optional.of(factory), background);
    }

    private PortMappingKeeper(Optional<ServiceFactory> factory, Scheduler background) {
        this.factory = factory;
        this.background = Objects.requireNonNull(background, "background");
    }

    /** Port mapping switched off ({@code PortMapping = none}): never maps, never announces one. */
    public static PortMappingKeeper disabled() {
        return new PortMappingKeeper(Optional.empty(), new Scheduler() {
            @Override
            public Cancellable schedule(java.time.Duration delay, Runnable task) {
                return () -> {};
            }

            @Override
            public void execute(Runnable task) {
                task.run();
            }
        });
    }

    /**
     * The roaming loop settled on a network and listen port: give up the old network's mapping
     * (in the background: its gateway may be gone and must not stall the loop) and map this one.
     *
     * @param publicAddress our public address as a STUN probe saw it on this network, if known
     */
    public void networkSettled(int listenPort, Optional<InetAddress> publicAddress) {
        if (factory.isEmpty()) {
            return;
        }
        Optional<Current> old = current.getAndSet(Optional.empty());
        AtomicReference<Optional<Endpoint>> external = new AtomicReference<>(Optional.empty());
        Publisher publisher = new Publisher(external);
        PortMappingUseCase service = factory.get().create(listenPort, publisher);
        Current fresh = new Current(listenPort, service, external);
        publisher.owner = fresh;
        current.set(Optional.of(fresh));
        LOG.log(Level.INFO, "event=port_mapping_start internal_port={0}", listenPort);
        if (old.isEmpty()) {
            service.start();
            publicAddress.ifPresent(service::addressObserved);
            return;
        }
        publicAddress.ifPresent(service::addressObserved);
        if (old.get().external().get().isPresent()) {
            changed.set(true);
        }
        // Delete the old mapping before asking for the new one: on the same gateway (an address
        // change on one LAN) both are for the same internal port, and a late delete would remove
        // the fresh grant (NAT-PMP deletes by internal port, UPnP by external port).
        background.execute(() -> {
            stop(old.get(), "network_change");
            service.start();
        });
    }

    /** The host has no network any more: delete the mapping while (if) the gateway still answers. */
    public void leftNetwork() {
        retire("left_network");
    }

    /** Where the coordinator sees us from: what the gateway's external address must match. */
    public void observed(InetAddress publicAddress) {
        current.get().ifPresent(c -> c.service().addressObserved(publicAddress));
    }

    /** A gateway announced its epoch (NAT-PMP, PCP): a reset makes the service map again. */
    public void epochObserved(InetAddress gateway, MappingMethod method, long epochSeconds) {
        LOG.log(Level.INFO, "event=gateway_epoch gateway={0} method={1} epoch={2}", gateway.getHostAddress(),
                method.configName(), Long.toString(epochSeconds));
        current.get().ifPresent(c -> c.service().epochObserved(gateway, method, epochSeconds));
    }

    /** The gateway mapping peers may rely on (verified or trusted), as a public endpoint. */
    public Optional<Endpoint> external() {
        return current.get().flatMap(c -> c.external().get());
    }

    /** The mapping held on this network, whether or not it is relied on yet (for status). */
    public Optional<PortMapping> mapping() {
        return current.get().flatMap(c -> c.service().status().mapping());
    }

    public Optional<MappingStatus> status() {
        return current.get().map(c -> c.service().status());
    }

    /** True once after the announced endpoint changed: the loop announces again. */
    public boolean takeChanged() {
        return changed.getAndSet(false);
    }

    /** Deletes the mapping (bounded by the mappers' time-outs) before the daemon exits. */
    @Override
    public void close() {
        Optional<Current> old = current.getAndSet(Optional.empty());
        old.ifPresent(c -> {
            c.service().shutdown();
            LOG.log(Level.INFO, "event=port_mapping_stop reason=shutdown internal_port={0}", c.port());
        });
    }

    private void retire(String why) {
        Optional<Current> old = current.getAndSet(Optional.empty());
        if (old.isEmpty()) {
            return;
        }
        if (old.get().external().get().isPresent()) {
            changed.set(true);
        }
        background.execute(() -> stop(old.get(), why));
    }

    private static void stop(Current c, String why) {
        c.service().shutdown();
        LOG.log(Level.INFO, "event=port_mapping_stop reason={0} internal_port={1}", why, c.port());
    }

    /** One per service, so a late publication of a retired service changes nothing. */
    private final class Publisher implements MappingPublisher {
        private final AtomicReference<Optional<Endpoint>> external;
        private volatile Current owner;

        Publisher(AtomicReference<Optional<Endpoint>> external) {
            this.external = external;
        }

        @Override
        public void publish(Optional<PortMapping> mapping, Optional<Endpoint> endpoint) {
            external.set(endpoint);
            if (owner != null && current.get().equals(Optional.of(owner))) {
                changed.set(true);
            }
            if (mapping.isPresent() && endpoint.isPresent()) {
                PortMapping m = mapping.get();
                LOG.log(Level.INFO, "event=port_mapping method={0} external={1} internal_port={2} "
                        + "gateway_reported={3} expires={4}", m.method().configName(), endpoint.get(), m.internalPort(),
                        m.externalAddress().map(InetAddress::getHostAddress).orElse("none"), m.expiresAt());
            } else {
                LOG.log(Level.INFO, "event=port_mapping_withdrawn");
            }
        }

        @Override
        public void requestVerification(Endpoint candidate) {
            // The peers' handshake is the check (see the class comment). Answered from another
            // thread: the service calls us under its lock, in the middle of its own actions.
            LOG.log(Level.INFO, "event=port_mapping_unverified candidate={0} note=\"gateway reported no usable"
                    + " external address; announcing the observed address with the mapped port, peers confirm by"
                    + " handshake\"", candidate);
            Current mine = owner;
            background.execute(() -> {
                if (mine != null) {
                    mine.service().verificationAnswered(candidate.port(), true);
                }
            });
        }
    }
}
