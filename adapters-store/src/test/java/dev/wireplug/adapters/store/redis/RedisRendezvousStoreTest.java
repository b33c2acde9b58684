package dev.wireplug.adapters.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.adapters.store.contract.RendezvousStoreContract;
import dev.wireplug.application.port.out.CoordinatorMetrics;
import dev.wireplug.application.port.out.RendezvousStore;
import dev.wireplug.application.service.RendezvousService;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.rendezvous.PeerRecord;
import dev.wireplug.domain.rendezvous.PeerView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract against a real redis-server started here, then what only a shared store does:
 * instances see each other's records and pushes, Redis's TTL expires records, a password in the
 * URL works, and an outage is survived and recovered from.
 */
class RedisRendezvousStoreTest extends RendezvousStoreContract {
    private static RedisServerProcess redis;
    private final List<RedisRendezvousStore> stores = new ArrayList<>();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Logger storeLog = Logger.getLogger(RedisRendezvousStore.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(new java.util.logging.SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeAll
    static void startRedis() throws Exception {
        Assumptions.assumeTrue(RedisServerProcess.binary().isPresent(),
                "redis-server is not installed (lab/setup installs it; CI has it): the Redis store tests are skipped");
        redis = RedisServerProcess.start(Optional.empty());
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void emptyRedis() {
        try (RedisLink link = RedisLink.connect(redis.url())) {
            link.sync().flushall();
        }
        storeLog.addHandler(capture);
    }

    @AfterEach
    void closeStores() {
        storeLog.removeHandler(capture);
        stores.forEach(RedisRendezvousStore::close);
    }

    @Override
    protected RendezvousStore newStore() {
        return open(redis.url(), new CountingMetrics());
    }

    private RedisRendezvousStore open(String url, CoordinatorMetrics metrics) {
        RedisRendezvousStore store = new RedisRendezvousStore(() -> RedisLink.connect(url), RedisLink.redacted(url),
                Instant::now, metrics);
        stores.add(store);
        return store;
    }

    @Test
    void anotherInstanceReadsWhatOneWrote() {
        RendezvousStore one = newStore();
        RendezvousStore two = newStore();
        PeerRecord record = record(1, Instant.now().plus(TTL));
        one.put(record);
        eventually("the write lands", () -> two.get(key(1)).isPresent());
        assertEquals(Optional.of(record), two.get(key(1)));
        assertEquals(0, two.size(), "two holds no session of key 1");
    }

    @Test
    void redisForgetsARecordAtItsExpiryWithoutBeingAsked() throws InterruptedException {
        RendezvousStore one = newStore();
        RendezvousStore two = newStore();
        one.put(record(1, Instant.now().plusMillis(400)));
        eventually("the write lands", () -> two.get(key(1)).isPresent());
        Thread.sleep(800);
        assertTrue(two.get(key(1)).isEmpty());
    }

    @Test
    void aPushReachesOnlyTheInstanceHoldingTheRecipient() throws InterruptedException {
        RendezvousStore one = newStore();
        RendezvousStore two = newStore();
        List<Pushed> atOne = new CopyOnWriteArrayList<>();
        List<Pushed> atTwo = new CopyOnWriteArrayList<>();
        one.deliverPushesTo((r, v) -> atOne.add(new Pushed(r, v)));
        two.deliverPushesTo((r, v) -> atTwo.add(new Pushed(r, v)));
        one.put(record(1, Instant.now().plus(TTL)));
        two.put(record(2, Instant.now().plus(TTL)));
        Thread.sleep(200); // the SUBSCRIBE is asynchronous
        two.publish(key(1), view(2));
        eventually("the push crosses to one", () -> !atOne.isEmpty());
        assertEquals(List.of(new Pushed(key(1), view(2))), atOne);
        Thread.sleep(200);
        assertEquals(List.of(), atTwo);
    }

    @Test
    void twoCoordinatorsPairTheirClientsAndPushAcross() throws InterruptedException {
        RendezvousStore one = newStore();
        RendezvousStore two = newStore();
        List<Pushed> atOne = new CopyOnWriteArrayList<>();
        RendezvousService first = new RendezvousService(one, (r, v) -> atOne.add(new Pushed(r, v)), Instant::now, TTL);
        RendezvousService second = new RendezvousService(two, (r, v) -> { }, Instant::now, TTL);
        PublicKey a = key(1);
        PublicKey b = key(2);
        first.announce(announcement(a, "198.18.0.1:1000", b));
        Thread.sleep(200);
        List<PeerView> reply = second.announce(announcement(b, "198.18.0.2:1000", a));
        assertEquals(List.of(a), reply.stream().map(PeerView::peer).toList());
        eventually("a, on the first coordinator, is told about b", () -> !atOne.isEmpty());
        assertEquals(b, atOne.get(0).view().peer());
        assertEquals("198.18.0.2:1000", atOne.get(0).view().observed().toString());
    }

    @Test
    void aPushAboutAPeerRefreshesTheCopyAnOutageWouldServe() throws Exception {
        try (RedisServerProcess own = RedisServerProcess.start(Optional.empty())) {
            RedisRendezvousStore one = open(own.url(), new CountingMetrics());
            RedisRendezvousStore two = open(own.url(), new CountingMetrics());
            List<Pushed> atOne = new CopyOnWriteArrayList<>();
            one.deliverPushesTo((r, v) -> atOne.add(new Pushed(r, v)));
            one.put(record(1, Instant.now().plus(TTL)));
            PeerRecord before = record(2, Instant.now().plus(TTL));
            two.put(before);
            eventually("one reads two's client", () -> one.get(key(2)).isPresent());
            Thread.sleep(200); // the SUBSCRIBE is asynchronous

            // Two's client roams: its new record, then the push to one's client, as the service does.
            PeerRecord after = new PeerRecord(announcement(key(2), "198.18.9.9:5000"), before.expiresAt());
            two.put(after);
            two.publish(key(1), view(2));
            eventually("the push crosses to one", () -> !atOne.isEmpty());

            own.stop();
            assertEquals(Optional.of(after), one.get(key(2)), "the outage serves the record the push announced");
        }
    }

    @Test
    void aPasswordInTheUrlIsUsed() throws Exception {
        try (RedisServerProcess locked = RedisServerProcess.start(Optional.of("s3cr3t"))) {
            RedisRendezvousStore good = open(locked.url(), new CountingMetrics());
            assertTrue(good.reachable());
            good.put(record(1, Instant.now().plus(TTL)));
            RedisRendezvousStore other = open(locked.url(), new CountingMetrics());
            eventually("the write lands", () -> other.get(key(1)).isPresent());
            CountingMetrics metrics = new CountingMetrics();
            String wrong = "redis://:wrong@127.0.0.1:" + locked.port() + "/0";
            RedisRendezvousStore refused = open(wrong, metrics);
            assertFalse(refused.reachable(), "a wrong password is an unavailable store, not a crash");
            assertTrue(metrics.total(CoordinatorMetrics.Counter.STORE_ERRORS) >= 1);
            assertTrue(logLines.stream().anyMatch(l -> l.contains("event=store_unavailable")
                    && l.contains("***@") && !l.contains("wrong")), "the password is not logged: " + logLines);
        }
    }

    @Test
    void anOutageIsServedFromLocalKnowledgeAndRecoveredFrom() throws Exception {
        try (RedisServerProcess own = RedisServerProcess.start(Optional.empty())) {
            CountingMetrics metrics = new CountingMetrics();
            RedisRendezvousStore store = open(own.url(), metrics);
            List<Pushed> pushed = new CopyOnWriteArrayList<>();
            store.deliverPushesTo((r, v) -> pushed.add(new Pushed(r, v)));
            PeerRecord a = record(1, Instant.now().plus(TTL));
            PeerRecord b = record(2, Instant.now().plus(TTL));
            store.put(a);
            assertEquals(Optional.of(a), store.get(key(1)));

            own.stop();
            // The first command to fail marks the store down; every later one is local.
            assertEquals(Optional.of(a), store.get(key(1)));
            assertFalse(store.reachable());
            store.put(b);
            assertEquals(Optional.of(b), store.get(key(2)));
            store.publish(key(1), view(2));
            assertEquals(List.of(new Pushed(key(1), view(2))), pushed, "a held session is still pushed to");
            assertEquals(0, metrics.gauge(CoordinatorMetrics.Gauge.STORE_UP));

            own.start(); // same port, empty: as a Redis that restarted without persistence
            eventually("the store recovers", store::reachable);
            RedisRendezvousStore other = open(own.url(), new CountingMetrics());
            eventually("what was written during the outage reaches Redis",
                    () -> other.get(key(1)).isPresent() && other.get(key(2)).isPresent());
            assertEquals(Optional.of(b), other.get(key(2)));
            other.publish(key(2), view(1));
            eventually("subscriptions are back", () -> pushed.size() == 2);
            assertEquals(1, logLines.stream().filter(l -> l.contains("event=store_unavailable")).count(), logLines.toString());
            assertEquals(1, logLines.stream().filter(l -> l.contains("event=store_recovered")).count(), logLines.toString());
            assertTrue(metrics.total(CoordinatorMetrics.Counter.STORE_ERRORS) >= 1);
        }
    }

    @Test
    void aRedisThatHangsIsTreatedAsGoneAndRecoveredFrom() throws Exception {
        try (RedisServerProcess own = RedisServerProcess.start(Optional.empty())) {
            RedisRendezvousStore store = open(own.url(), new CountingMetrics());
            PeerRecord a = record(1, Instant.now().plus(TTL));
            store.put(a);
            own.pause(true);
            try {
                long started = System.nanoTime();
                assertEquals(Optional.of(a), store.get(key(1)));
                long millis = (System.nanoTime() - started) / 1_000_000;
                System.out.println("redis-store: a read against a hung Redis returned from local knowledge after "
                        + millis + " ms");
                assertFalse(store.reachable());
                assertEquals(Optional.of(a), store.get(key(1)));
            } finally {
                own.pause(false);
            }
            eventually("the store recovers", store::reachable);
        }
    }

    @Test
    void aStoreStartedWhileRedisIsDownConnectsWhenItComes() throws Exception {
        try (RedisServerProcess own = RedisServerProcess.start(Optional.empty())) {
            own.stop();
            RedisRendezvousStore store = open(own.url(), new CountingMetrics());
            assertFalse(store.reachable());
            store.put(record(1, Instant.now().plus(TTL)));
            assertTrue(store.get(key(1)).isPresent());
            own.start();
            eventually("the store connects", store::reachable);
            RedisRendezvousStore other = open(own.url(), new CountingMetrics());
            eventually("the early write reaches Redis", () -> other.get(key(1)).isPresent());
        }
    }
}
