package dev.wireplug.adapters.store.redis;

import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.CoordinatorMetrics;
import dev.wireplug.application.port.out.PeerNotifier;
import dev.wireplug.application.port.out.RendezvousStore;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.rendezvous.PeerRecord;
import dev.wireplug.domain.rendezvous.PeerView;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Records shared by several wpcod instances through Redis: each record is one key
 * ({@code wireplug:record:<hex key>}) whose TTL ends when the record expires, so Redis forgets
 * what nobody refreshes. A push is published on the recipient's channel
 * ({@code wireplug:push:<hex key>}); each instance subscribes to the channels of the keys whose
 * records it put, which are the keys whose sessions it holds.
 *
 * <p>Outages: the instance keeps a local view of every record it put or read. When a command
 * fails or times out (500 ms), the store is marked down and logs {@code event=store_unavailable}
 * once; from then on reads are answered from the local view, writes only mark their key dirty,
 * and pushes reach this instance's own sessions directly. A background probe pings Redis every
 * {@link #PROBE_EVERY}; when it answers, dirty keys are written back (or deleted), every held key
 * is subscribed again, and {@code event=store_recovered} is logged once.
 */
final class RedisRendezvousStore implements RendezvousStore, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisRendezvousStore.class.getName());
    static final Duration PROBE_EVERY = Duration.ofMillis(500);
    private static final String RECORD_PREFIX = "wireplug:record:";
    private static final String PUSH_PREFIX = "wireplug:push:";
    /** Deletes a record only if it is still the one this instance wrote (another may have replaced it). */
    private static final String DELETE_IF_SAME =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private final Supplier<RedisLink> connector;
    private final String name;
    private final Clock clock;
    private final CoordinatorMetrics metrics;
    private final ScheduledExecutorService probe;
    private final java.util.concurrent.ExecutorService deliveries;

    /** Everything this instance knows: the records it put and the last version of those it read. */
    private final Map<PublicKey, PeerRecord> known = new ConcurrentHashMap<>();
    /** The keys whose records this instance put: its sessions, its subscriptions. */
    private final Set<PublicKey> held = ConcurrentHashMap.newKeySet();
    /** Keys written (or removed) while Redis was unreachable, to replay when it returns. */
    private final Set<PublicKey> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean up = new AtomicBoolean(false);
    private final AtomicLong downSince = new AtomicLong();
    private volatile PeerNotifier local = (recipient, view) -> { };
    private volatile RedisLink link;
    /**
     * Lettuce's reconnect loop warns on every attempt; the outage is this store's one line to
     * log, so those are kept for errors only. Held here because JUL keeps loggers weakly.
     */
    private final List<Logger> quieted = List.of(
            Logger.getLogger("io.lettuce.core.protocol.ConnectionWatchdog"),
            Logger.getLogger("io.lettuce.core.protocol.ReconnectionHandler"));
    private volatile boolean closed;
    /** The Redis server's run_id when last reached, to tell a restart (data lost) from a stall. */
    private volatile Optional<String> lastRunId = Optional.empty();

    /**
     * Connects now when Redis answers; otherwise starts down (logging the outage) and keeps
     * trying in the background, so wpcod serves its own clients either way.
     *
     * @param connector opens a link (throws when Redis cannot be reached)
     * @param name the store's URL with any password redacted, for logs
     */
    RedisRendezvousStore(Supplier<RedisLink> connector, String name, Clock clock, CoordinatorMetrics metrics) {
        this.connector = connector;
        this.name = name;
        this.clock = clock;
        this.metrics = metrics;
        this.probe = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "redis-store-probe");
            thread.setDaemon(true);
            return thread;
        });
        quieted.forEach(logger -> logger.setLevel(java.util.logging.Level.SEVERE));
        this.deliveries = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "redis-store-pushes");
            thread.setDaemon(true);
            return thread;
        });
        metrics.gauge(CoordinatorMetrics.Gauge.STORE_UP, () -> up.get() ? 1 : 0);
        downSince.set(System.nanoTime());
        try {
            attach(connector.get());
            lastRunId = runId();
            up.set(true);
            LOG.log(Level.INFO, "event=store_connected store={0}", name);
        } catch (RuntimeException e) {
            metrics.increment(CoordinatorMetrics.Counter.STORE_ERRORS);
            LOG.log(Level.WARNING, "event=store_unavailable store={0} error={1}", name, oneLine(e));
        }
        long every = PROBE_EVERY.toMillis();
        probe.scheduleWithFixedDelay(this::probe, every, every, TimeUnit.MILLISECONDS);
    }

    private void attach(RedisLink fresh) {
        // Lettuce sees a dropped connection at once; without this the outage would be noticed
        // only by the next command, which may be a keepalive many seconds later. (Not for a
        // cluster, whose node connections come and go with its topology.)
        if (!fresh.cluster()) {
            fresh.client().addListener(new RedisConnectionStateListener() {
                @Override
                public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                    if (!closed) {
                        failed(new RedisConnectionException("connection lost"));
                    }
                }
            });
        }
        fresh.pubsub().addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                // Never on Lettuce's I/O thread: delivering takes the sessions' lock, which the
                // coordinator may hold while it waits for a reply that this very thread must read.
                deliveries.execute(() -> deliver(message));
            }
        });
        link = fresh;
    }

    private void deliver(byte[] message) {
        try {
            RecordCodec.Push push = RecordCodec.decodePush(message);
            refreshRead(push.view().peer());
            local.push(push.recipient(), push.view());
        } catch (RecordFormatException e) {
            LOG.log(Level.DEBUG, "event=store_foreign_push error={0}", e.getMessage());
        }
    }

    /**
     * A push about a peer whose session another instance holds means its record changed there:
     * the copy this instance read earlier is stale. Re-read it now, while Redis answers (pushes
     * only arrive then); if that fails, forget it, so that an outage never serves the old copy (a
     * peer's pre-roam endpoint, which would send its partner back to an address it left).
     */
    private void refreshRead(PublicKey peer) {
        if (held.contains(peer)) {
            return;
        }
        known.remove(peer);
        get(peer);
    }

    @Override
    public void put(PeerRecord record) {
        PublicKey key = record.announcement().announcer();
        PeerRecord previous = known.put(key, record);
        if (held.add(key) && up.get()) {
            // Waited for (once per session): a push published right after this put must find it.
            // A slow answer is not an outage (the subscription lands a little later); an error is.
            subscribe(List.of(key)).ifPresent(done -> await(done, false));
        }
        if (!up.get()) {
            dirty.add(key);
            return;
        }
        // A changed announcement is written before the caller goes on, so that the peer's next
        // read on another instance sees it; a mere refresh of the expiry need not wait.
        boolean changed = previous == null || !previous.announcement().equals(record.announcement());
        write(key, record).ifPresent(done -> {
            if (changed) {
                await(done, true);
            }
        });
    }

    /** Waits up to the command timeout; a timeout counts as a failure only when {@code strict}. */
    private void await(RedisFuture<?> done, boolean strict) {
        try {
            done.get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            if (strict) {
                failed(e);
            }
        } catch (ExecutionException e) {
            failed(e.getCause());
        }
    }

    private Optional<RedisFuture<?>> write(PublicKey key, PeerRecord record) {
        RedisLink l = link;
        long ttl = Duration.between(clock.now(), record.expiresAt()).toMillis();
        try {
            RedisFuture<?> done = ttl > 0
                    ? l.async().set(recordKey(key), RecordCodec.encode(record), SetArgs.Builder.px(ttl))
                    : l.async().del(recordKey(key));
            done.whenComplete((result, error) -> {
                if (error != null) {
                    dirty.add(key);
                    failed(error);
                }
            });
            return Optional.of(done);
        } catch (RuntimeException e) {
            dirty.add(key);
            failed(e);
            return Optional.empty();
        }
    }

    @Override
    public Optional<PeerRecord> get(PublicKey key) {
        if (up.get()) {
            try {
                byte[] bytes = link.sync().get(recordKey(key));
                if (bytes == null) {
                    if (!held.contains(key)) {
                        known.remove(key); // a held key is forgotten by removeExpired or remove, never here
                    }
                    return Optional.empty();
                }
                PeerRecord record = RecordCodec.decodeRecord(bytes);
                known.put(key, record);
                return Optional.of(record);
            } catch (RecordFormatException e) {
                LOG.log(Level.DEBUG, "event=store_foreign_record error={0}", e.getMessage());
                return Optional.empty();
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        return Optional.ofNullable(known.get(key));
    }

    @Override
    public void remove(PublicKey key) {
        known.remove(key);
        if (held.remove(key) && up.get()) {
            unsubscribe(List.of(key));
        }
        if (!up.get()) {
            dirty.add(key);
            return;
        }
        try {
            link.async().del(recordKey(key)).whenComplete((result, error) -> {
                if (error != null) {
                    dirty.add(key);
                    failed(error);
                }
            });
        } catch (RuntimeException e) {
            dirty.add(key);
            failed(e);
        }
    }

    @Override
    public int removeExpired(Instant now) {
        List<PublicKey> gone = new ArrayList<>();
        int removed = 0;
        for (Map.Entry<PublicKey, PeerRecord> entry : known.entrySet()) {
            PeerRecord record = entry.getValue();
            if (record.liveAt(now) || !known.remove(entry.getKey(), record)) {
                continue;
            }
            if (held.remove(entry.getKey())) {
                removed++;
                gone.add(entry.getKey());
                dirty.remove(entry.getKey());
                if (up.get()) {
                    deleteIfSame(entry.getKey(), record);
                }
            }
        }
        if (!gone.isEmpty() && up.get()) {
            unsubscribe(gone);
        }
        return removed;
    }

    /** Redis's TTL normally got there first; this covers a caller whose clock runs ahead. */
    private void deleteIfSame(PublicKey key, PeerRecord record) {
        try {
            link.async().<Long>eval(DELETE_IF_SAME, ScriptOutputType.INTEGER, new byte[][] {recordKey(key)},
                    RecordCodec.encode(record)).whenComplete((result, error) -> {
                        if (error != null) {
                            failed(error);
                        }
                    });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public int size() {
        return held.size();
    }

    @Override
    public void deliverPushesTo(PeerNotifier local) {
        this.local = local;
    }

    @Override
    public void publish(PublicKey recipient, PeerView view) {
        if (up.get()) {
            try {
                link.async().publish(pushChannel(recipient), RecordCodec.encode(recipient, view))
                        .whenComplete((receivers, error) -> {
                            if (error != null) {
                                failed(error);
                                deliverLocally(recipient, view);
                            }
                        });
                return;
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        deliverLocally(recipient, view);
    }

    /** During an outage only this instance's sessions can be reached. */
    private void deliverLocally(PublicKey recipient, PeerView view) {
        if (held.contains(recipient)) {
            local.push(recipient, view);
        }
    }

    private Optional<RedisFuture<Void>> subscribe(List<PublicKey> keys) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        try {
            RedisFuture<Void> done = link.pubsub().async()
                    .subscribe(keys.stream().map(RedisRendezvousStore::pushChannel).toArray(byte[][]::new));
            done.whenComplete((result, error) -> {
                if (error instanceof RedisCommandTimeoutException) {
                    // Slow, not gone: the subscription lands later; the commands connection
                    // decides whether Redis is unavailable.
                    metrics.increment(CoordinatorMetrics.Counter.STORE_ERRORS);
                } else if (error != null) {
                    failed(error);
                }
            });
            return Optional.of(done);
        } catch (RuntimeException e) {
            failed(e);
            return Optional.empty();
        }
    }

    private void unsubscribe(List<PublicKey> keys) {
        try {
            link.pubsub().async().unsubscribe(keys.stream().map(RedisRendezvousStore::pushChannel).toArray(byte[][]::new));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Any failed or timed-out command: counted, and the first one of an outage logged. */
    private void failed(Throwable error) {
        metrics.increment(CoordinatorMetrics.Counter.STORE_ERRORS);
        if (up.compareAndSet(true, false)) {
            downSince.set(System.nanoTime());
            LOG.log(Level.WARNING, "event=store_unavailable store={0} error={1}", name, oneLine(error));
        }
    }

    /** While down: is Redis back? Then replay what changed, subscribe again, and say so once. */
    private void probe() {
        if (up.get() || closed) {
            return;
        }
        try {
            if (link == null) {
                attach(connector.get());
            }
            link.sync().ping();
            // A Redis that restarted (a new run_id) may have lost everything: write back every
            // held record. One that only stalled or was cut off still has them: only what changed.
            Optional<String> runId = runId();
            boolean restarted = runId.isEmpty() || !runId.equals(lastRunId);
            flushDirty(restarted);
            subscribe(List.copyOf(held));
            lastRunId = runId;
            up.set(true);
            flushDirty(false); // keys dirtied while the first flush ran, before up was set
            long downMillis = (System.nanoTime() - downSince.get()) / 1_000_000;
            LOG.log(Level.INFO, "event=store_recovered store={0} down_ms={1} held={2}", name, downMillis, held.size());
        } catch (RuntimeException e) {
            metrics.increment(CoordinatorMetrics.Counter.STORE_ERRORS);
        }
    }

    /** The server's run_id (new at every start); empty for a cluster, whose nodes each have one. */
    private Optional<String> runId() {
        if (link.cluster()) {
            return Optional.empty();
        }
        return link.sync().info("server").lines().filter(l -> l.startsWith("run_id:"))
                .map(l -> l.substring("run_id:".length()).strip()).findFirst();
    }

    /**
     * Writes back the keys written or removed during an outage and, when {@code everything},
     * every key this instance holds (a Redis that restarted without persistence has
     * lost them all, and the local view is the truth about this instance's own clients) and
     * deletes what was removed during the outage. Pipelined; throws if any write fails.
     */
    private void flushDirty(boolean everything) {
        Set<PublicKey> keys = new HashSet<>(dirty);
        if (everything) {
            keys.addAll(held);
        }
        dirty.removeAll(keys);
        List<RedisFuture<?>> writes = new ArrayList<>();
        Instant now = clock.now();
        try {
            for (PublicKey key : keys) {
                PeerRecord record = held.contains(key) ? known.get(key) : null;
                long ttl = record == null ? 0 : Duration.between(now, record.expiresAt()).toMillis();
                writes.add(ttl > 0
                        ? link.async().set(recordKey(key), RecordCodec.encode(record), SetArgs.Builder.px(ttl))
                        : link.async().del(recordKey(key)));
            }
            if (!LettuceFutures.awaitAll(Duration.ofSeconds(10),
                    writes.toArray(RedisFuture[]::new))) {
                throw new RedisCommandTimeoutException("write-back of " + keys.size() + " keys");
            }
        } catch (RuntimeException e) {
            dirty.addAll(keys);
            throw e;
        }
    }

    /** For tests and metrics: does the store currently reach Redis? */
    boolean reachable() {
        return up.get();
    }

    static byte[] recordKey(PublicKey key) {
        return (RECORD_PREFIX + HexFormat.of().formatHex(key.bytes())).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] pushChannel(PublicKey key) {
        return (PUSH_PREFIX + HexFormat.of().formatHex(key.bytes())).getBytes(StandardCharsets.US_ASCII);
    }

    private static String oneLine(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.replaceAll("\\s+", "_");
    }

    @Override
    public void close() {
        closed = true;
        probe.shutdownNow();
        deliveries.shutdownNow();
        RedisLink l = link;
        if (l != null) {
            l.close();
        }
    }
}
