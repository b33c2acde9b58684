package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two wpcod instances sharing one redis-server (issue 7): peers whose daemons talk to different
 * instances find each other, a roam is pushed across instances, and a 30 s Redis outage neither
 * drops the tunnel nor stops a later roam from recovering.
 */
@LabTest
class RedisScaleOutLabTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** How long a roam is given to recover (the ten-roam test's recoveries take one to three seconds). */
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final int REDIS_PORT = 6390;
    private static final int METRICS_PORT = 9109;

    @Test
    void peersOnTwoInstancesFindEachOtherRoamAcrossAndSurviveARedisOutage() {
        Topology topology = Topology.builder().coordinator("coord")
                .router("r1", RouterKind.EIM_PORT_PRESERVING).router("r2", RouterKind.EIM_PORT_PRESERVING)
                .router("r3", RouterKind.EIM_PORT_PRESERVING).host("a", "r1").host("b", "r2").build();
        try (Lab lab = Lab.up(topology)) {
            LabProcess redis = startRedis(lab, "redis");
            String store = "redis://127.0.0.1:" + REDIS_PORT + "/0";
            Coordination.Running one = Coordination.startInstance(lab, "wpcod-1", 0, "--store", store);
            Coordination.Running two = Coordination.startInstance(lab, "wpcod-2", 1, "--store", store,
                    "--metrics", "127.0.0.1:" + METRICS_PORT);
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            Coordination.startDaemon(a, Coordination.clientConfig(a, one, List.of(b)));
            Coordination.startDaemon(b, Coordination.clientConfig(b, two, List.of(a)));
            Optional<Duration> found = Coordination.firstReply(b, a, WITHIN);
            assertTrue(found.isPresent(), "a (on instance 1) and b (on instance 2) never reached each other\n"
                    + a.wgShowText() + "\n" + b.wgShowText());
            System.out.println("two instances: b reached a after " + found.get().toMillis() + " ms");

            // ping writes its output in blocks: the series is read once, after it stops.
            Pinger pinger = b.startPinger(a.overlayAddress(), Duration.ofMillis(50));
            LabProcess.sleep(Duration.ofSeconds(2));
            Instant roam = Instant.now();
            a.roamTo(lab.router("r3"));
            LabProcess.sleep(SETTLE);

            Instant down = Instant.now();
            lab.stop(redis);
            LabProcess.sleep(OUTAGE);
            Instant back = Instant.now();
            startRedis(lab, "redis-restarted");
            one.process().awaitLog(line -> line.contains("event=store_recovered"), WITHIN);
            two.process().awaitLog(line -> line.contains("event=store_recovered"), WITHIN);
            System.out.println("after the outage both instances logged event=store_recovered within "
                    + Duration.between(back, Instant.now()).toMillis() + " ms of the restart");

            Instant roamBack = Instant.now();
            a.roamTo(lab.router("r1"));
            LabProcess.sleep(SETTLE);
            PingSeries series = pinger.stop();

            Optional<Duration> acrossGap = series.gapAround(roam);
            long replies = series.repliesBetween(down, back);
            long expected = OUTAGE.toMillis() / 50;
            Optional<Duration> afterGap = series.gapAround(roamBack);
            System.out.println("roam pushed across instances: gap "
                    + acrossGap.map(g -> g.toMillis() + " ms").orElse("no recovery"));
            Optional<Duration> outageGap = new PingSeries(series.replies().stream()
                    .filter(r -> r.at().isAfter(down) && !r.at().isAfter(back)).toList()).longestGap();
            System.out.printf("redis outage of %d s: %d pings answered through the tunnel (about %d sent at most),"
                    + " longest gap between replies %s%n", OUTAGE.toSeconds(), replies, expected,
                    outageGap.map(g -> g.toMillis() + " ms").orElse("none"));
            System.out.println("roam after the outage: gap " + afterGap.map(g -> g.toMillis() + " ms").orElse("no recovery"));
            assertTrue(acrossGap.isPresent() && acrossGap.get().compareTo(SETTLE) < 0,
                    "the roam of a (instance 1) did not reach b (instance 2) within " + SETTLE);
            assertTrue(replies > expected / 2, "the tunnel dropped while Redis was down");
            assertTrue(series.repliesBetween(back.minusSeconds(3), back) > 0, "the tunnel was down at the end of the outage");
            assertTrue(afterGap.isPresent() && afterGap.get().compareTo(SETTLE) < 0,
                    "no recovery within " + SETTLE + " of a roam after the Redis outage");
            String metrics = scrape(lab);
            System.out.println("instance 2 metrics: " + metrics.lines()
                    .filter(l -> l.startsWith("wpcod_pushes_total") || l.startsWith("wpcod_store")
                            || l.startsWith("wpcod_sessions") || l.startsWith("wpcod_announcements_total"))
                    .toList());
            assertTrue(metrics.lines().anyMatch(l -> l.matches("wpcod_pushes_total [1-9]\\d*")),
                    "b's instance pushed nothing, though a roamed on the other instance:\n" + metrics);
            assertTrue(metrics.lines().anyMatch(l -> l.matches("wpcod_store_errors_total [1-9]\\d*")), metrics);
            assertTrue(metrics.contains("\nwpcod_store_up 1\n"), metrics);
            assertTrue(one.process().logText().lines().filter(l -> l.contains("event=store_unavailable")).count() == 1,
                    "instance 1 should log the outage exactly once:\n" + one.process().logText());
        }
    }

    /** GET /metrics inside the coordinator's namespace, with nothing but bash. */
    private static String scrape(Lab lab) {
        return lab.coordinator().exec("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + METRICS_PORT
                + "; printf 'GET /metrics HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n' >&3; cat <&3").stdout();
    }

    private static LabProcess startRedis(Lab lab, String label) {
        LabProcess redis = lab.coordinator().start(label, List.of("redis-server", "--port", String.valueOf(REDIS_PORT),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", lab.runDir().toString()));
        redis.awaitLog(line -> line.contains("Ready to accept connections"), Duration.ofSeconds(10));
        return redis;
    }

}
