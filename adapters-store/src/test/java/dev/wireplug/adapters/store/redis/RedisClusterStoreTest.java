package dev.wireplug.adapters.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.adapters.store.contract.RendezvousStoreContract;
import dev.wireplug.domain.rendezvous.PeerRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code redis+cluster://}: a three-master Redis Cluster built here with redis-cli; records spread
 * over its slots are read by another instance, and a push crosses instances through the
 * cluster's pub/sub.
 */
class RedisClusterStoreTest {
    @Test
    void twoInstancesShareRecordsAndPushesThroughACluster() throws Exception {
        Assumptions.assumeTrue(RedisServerProcess.binary().isPresent() && Files.isExecutable(Path.of("/usr/bin/redis-cli")),
                "redis-server and redis-cli are not installed (lab/setup installs them): the cluster test is skipped");
        List<RedisServerProcess> nodes = new ArrayList<>();
        List<RedisRendezvousStore> stores = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(RedisServerProcess.start(Optional.empty(), List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000")));
            }
            List<String> create = new ArrayList<>(List.of("/usr/bin/redis-cli", "--cluster", "create"));
            nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Process process = new ProcessBuilder(create).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, output);
            RendezvousStoreContract.eventually("the cluster is ok", () -> clusterOk(nodes.get(0).port()));

            String url = "redis+cluster://127.0.0.1:" + nodes.get(0).port();
            RedisRendezvousStore one = new RedisRendezvousStore(() -> RedisLink.connect(url), url, Instant::now,
                    new CountingMetrics());
            stores.add(one);
            RedisRendezvousStore two = new RedisRendezvousStore(() -> RedisLink.connect(url), url, Instant::now,
                    new CountingMetrics());
            stores.add(two);
            assertTrue(one.reachable() && two.reachable());
            List<RendezvousStoreContract.Pushed> atOne = new CopyOnWriteArrayList<>();
            one.deliverPushesTo((r, v) -> atOne.add(new RendezvousStoreContract.Pushed(r, v)));
            List<PeerRecord> records = new ArrayList<>();
            for (int n = 1; n <= 20; n++) {
                PeerRecord record = RendezvousStoreContract.record(n, Instant.now().plusSeconds(90));
                records.add(record);
                one.put(record);
            }
            for (PeerRecord record : records) {
                RendezvousStoreContract.eventually("record lands in the cluster",
                        () -> two.get(record.announcement().announcer()).isPresent());
                assertEquals(Optional.of(record), two.get(record.announcement().announcer()));
            }
            two.publish(RendezvousStoreContract.key(3), RendezvousStoreContract.view(4));
            RendezvousStoreContract.eventually("the push crosses the cluster", () -> !atOne.isEmpty());
            assertEquals(RendezvousStoreContract.key(3), atOne.get(0).recipient());
        } finally {
            stores.forEach(RedisRendezvousStore::close);
            for (RedisServerProcess node : nodes) {
                node.close();
            }
        }
    }

    private static boolean clusterOk(int port) {
        try {
            Process info = new ProcessBuilder("/usr/bin/redis-cli", "-p", String.valueOf(port), "cluster", "info")
                    .redirectErrorStream(true).start();
            String text = new String(info.getInputStream().readAllBytes());
            info.waitFor(5, TimeUnit.SECONDS);
            return text.contains("cluster_state:ok");
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }
}
