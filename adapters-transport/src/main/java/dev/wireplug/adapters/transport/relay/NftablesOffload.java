package dev.wireplug.adapters.transport.relay;

import dev.wireplug.application.port.out.RelayDataPlane.Opening;
import dev.wireplug.domain.relay.RelayAllocation;
import dev.wireplug.domain.relay.RelayAllocationId;
import dev.wireplug.domain.relay.RelayCounters;
import dev.wireplug.domain.relay.RelayLimits;
import dev.wireplug.domain.relay.RelayState;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Installs and removes the nftables forwarding of {@link NftablesRelayRules}. Rule changes run on
 * one thread of their own, in order, so an event loop never waits for nft and a close always comes
 * after the activation it undoes.
 */
final class NftablesOffload implements RelayOffload, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NftablesOffload.class.getName());

    private final NftRunner nft;
    private final InetAddress relayAddress;
    private final ExecutorService rules = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "wireplug-relay-nft");
        t.setDaemon(true);
        return t;
    });
    /** Touched only on the rules thread. */
    private final Map<RelayAllocationId, NftablesRelayRules.Installed> installed = new HashMap<>();
    private int lastZone;

    NftablesOffload(NftRunner nft, InetAddress relayAddress) {
        this.nft = Objects.requireNonNull(nft, "nft");
        this.relayAddress = Objects.requireNonNull(relayAddress, "relayAddress");
    }

    /** Creates the table afresh (dropping what a previous run left). */
    void install(RelayLimits global) throws IOException {
        nft.apply(NftablesRelayRules.table(global));
    }

    @Override
    public void opened(Opening opening, int port) throws IOException {
        nft.apply(NftablesRelayRules.opened(opening.id(), opening.limits()));
    }

    @Override
    public void activated(RelayAllocation allocation, int port) {
        rules.execute(() -> activate(allocation, port));
    }

    private void activate(RelayAllocation allocation, int port) {
        if (!(allocation.state() instanceof RelayState.Active active)) {
            return;
        }
        if (!(active.a().address() instanceof Inet4Address) || !(active.b().address() instanceof Inet4Address)
                || !(relayAddress instanceof Inet4Address)) {
            LOG.log(System.Logger.Level.INFO, "event=relay_offload_skipped allocation={0} reason=ipv6", allocation.id());
            return;
        }
        NftablesRelayRules.Installed previous = installed.get(allocation.id());
        NftablesRelayRules.Installed next = new NftablesRelayRules.Installed(allocation.id(), port, active.a(),
                active.b(), relayAddress, nextZone());
        String script = (previous == null ? "" : NftablesRelayRules.deactivate(previous))
                + NftablesRelayRules.activate(next);
        try {
            nft.apply(script);
            installed.put(allocation.id(), next);
            LOG.log(System.Logger.Level.INFO, "event=relay_offloaded allocation={0} zone={1}", allocation.id(),
                    next.zone());
        } catch (IOException e) {
            // The datagrams keep reaching the learning socket, which forwards them: slower, still working.
            LOG.log(System.Logger.Level.WARNING, "event=relay_offload_failed allocation={0} error={1}",
                    allocation.id(), e.getMessage());
        }
    }

    /** Whether the kernel forwards for the allocation now (waits for queued rule changes). */
    boolean offloaded(RelayAllocationId id) {
        return onRulesThread(() -> installed.containsKey(id));
    }

    @Override
    public RelayCounters counters(RelayAllocationId id) {
        try {
            return NftablesRelayRules.counters(
                    nft.list("list", "chain", "inet", "wireplug_relay", NftablesRelayRules.chain(id)));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "event=relay_counters_unavailable allocation={0} error={1}", id,
                    e.getMessage());
            return RelayCounters.ZERO;
        }
    }

    @Override
    public void closed(RelayAllocationId id) {
        onRulesThread(() -> {
            NftablesRelayRules.Installed pair = installed.remove(id);
            String script = (pair == null ? "" : NftablesRelayRules.deactivate(pair)) + NftablesRelayRules.closed(id);
            try {
                nft.apply(script);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "event=relay_rules_not_removed allocation={0} error={1}", id,
                        e.getMessage());
            }
            return null;
        });
    }

    void uninstall() {
        try {
            nft.apply(NftablesRelayRules.dropTable());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "event=relay_table_not_removed error={0}", e.getMessage());
        }
    }

    @Override
    public void close() {
        rules.shutdown();
        try {
            rules.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int nextZone() {
        lastZone = lastZone % 65535 + 1;
        return lastZone;
    }

    private <T> T onRulesThread(java.util.concurrent.Callable<T> task) {
        Future<T> future = rules.submit(task);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for nft", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
