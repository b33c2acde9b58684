package dev.wireplug.adapters.wireguard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rtnetlink monitor in a child JVM inside namespace wgt-mon (veth pair wgt-v0 / wgt-v1), while
 * this test changes addresses, links and routes there. Latency is from just before this JVM starts
 * {@code ip addr add/del} to the child printing the debounced event: an upper bound that includes
 * starting the ip process. The issue asks for the median of 20 under 100 ms.
 */
@Tag("lab")
class RtnetlinkNetworkMonitorLabTest {
    private static final int DEBOUNCE_MS = 25;

    @Test
    void addressLinkAndDefaultRouteChangesArriveFast() throws Exception {
        Lab.requireRootAnd("ip");
        try (Lab lab = Lab.namespace("wgt-mon")) {
            lab.inside("ip", "link", "add", "wgt-v0", "type", "veth", "peer", "name", "wgt-v1");
            lab.inside("ip", "link", "set", "wgt-v0", "up");
            lab.inside("ip", "link", "set", "wgt-v1", "up");
            lab.inside("ip", "addr", "add", "10.66.0.2/24", "dev", "wgt-v0");

            Process child = lab.spawn(lab.probe("monitor", Integer.toString(DEBOUNCE_MS)));
            BlockingQueue<String> lines = pump(child);

            String snapshot = await(lines, l -> l.startsWith("snapshot "), "the child's snapshot", 30).line;
            assertTrue(snapshot.contains("10.66.0.2/24"), snapshot);
            assertFalse(snapshot.contains("127.0.0.1"), snapshot);
            await(lines, l -> l.equals("ready"), "the child's ready line", 30);

            List<Double> adds = new ArrayList<>();
            List<Double> removes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String prefix = "10.66.0." + (100 + i) + "/24";
                adds.add(measure(lab, lines, "add", prefix, "added=true"));
                removes.add(measure(lab, lines, "del", prefix, "added=false"));
            }
            double addMedian = median(adds);
            double removeMedian = median(removes);
            System.out.printf("rtnetlink-monitor debounce_ms=%d add_median_ms=%.1f add_max_ms=%.1f "
                            + "del_median_ms=%.1f del_max_ms=%.1f samples=20%n", DEBOUNCE_MS, addMedian,
                    Collections.max(adds), removeMedian, Collections.max(removes));

            lab.inside("ip", "link", "set", "wgt-v1", "down");
            await(lines, l -> l.contains("LinkChanged[interfaceName=wgt-v0, up=false]"), "carrier loss on wgt-v0", 5);
            lab.inside("ip", "link", "set", "wgt-v1", "up");
            await(lines, l -> l.contains("LinkChanged[interfaceName=wgt-v0, up=true]"), "carrier back on wgt-v0", 5);
            lab.inside("ip", "route", "add", "default", "via", "10.66.0.1", "dev", "wgt-v0");
            await(lines, l -> l.contains("DefaultRouteChanged[interfaceName=wgt-v0]"), "the new default route", 5);

            assertTrue(addMedian < 100, "median address-added latency " + addMedian + " ms is not under 100 ms");
            assertTrue(removeMedian < 100, "median address-removed latency " + removeMedian + " ms is not under 100 ms");
            child.getOutputStream().close();
        }
    }

    @Test
    void thePollingFallbackSeesTheSameChangesWithinItsInterval() throws Exception {
        Lab.requireRootAnd("ip");
        try (Lab lab = Lab.namespace("wgt-poll")) {
            lab.inside("ip", "link", "add", "wgt-p0", "type", "veth", "peer", "name", "wgt-p1");
            lab.inside("ip", "link", "set", "wgt-p0", "up");
            lab.inside("ip", "link", "set", "wgt-p1", "up");
            Process child = lab.spawn(lab.probe("poll", "200"));
            BlockingQueue<String> lines = pump(child);
            await(lines, l -> l.equals("ready"), "the child's ready line", 30);
            long start = System.nanoTime();
            lab.inside("ip", "addr", "add", "10.68.0.2/24", "dev", "wgt-p0");
            String line = await(lines, l -> l.contains("AddressChanged[interfaceName=wgt-p0, address=10.68.0.2/24, added=true]"),
                    "the polled address", 5).line;
            System.out.printf("polling-monitor interval_ms=200 add_ms=%.1f%n",
                    (Long.parseLong(line.split(" ")[1]) - start) / 1e6);
            lab.inside("ip", "link", "set", "wgt-p1", "down");
            await(lines, l -> l.contains("interfaceName=wgt-p1, up=false"), "wgt-p1 down", 5);
            child.getOutputStream().close();
        }
    }

    private static BlockingQueue<String> pump(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // The child ended; the test notices missing lines.
            }
        });
        pump.setDaemon(true);
        pump.start();
        return lines;
    }

    private static double measure(Lab lab, BlockingQueue<String> lines, String op, String prefix, String added)
            throws InterruptedException {
        long start = System.nanoTime();
        lab.inside("ip", "addr", op, prefix, "dev", "wgt-v0");
        Seen seen = await(lines, l -> l.contains("AddressChanged[interfaceName=wgt-v0, address=" + prefix + ", " + added),
                op + " of " + prefix, 5);
        long at = Long.parseLong(seen.line.split(" ")[1]);
        return (at - start) / 1e6;
    }

    private record Seen(String line) {}

    private static Seen await(BlockingQueue<String> lines, java.util.function.Predicate<String> wanted, String what,
            int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                fail("no event for " + what + " within " + seconds + " s");
            }
            if (wanted.test(line)) {
                return new Seen(line);
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
