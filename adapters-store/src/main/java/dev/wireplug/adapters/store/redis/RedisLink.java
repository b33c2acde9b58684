package dev.wireplug.adapters.store.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Locale;

/**
 * One connection for commands and one for pub/sub, to a single Redis (or Sentinel-managed) server
 * or to a Redis Cluster; both kinds are used through Lettuce's common cluster-or-not interfaces.
 *
 * <p>Options chosen for an outage: commands on a broken connection fail at once instead of
 * queueing without bound, every command times out after {@link #COMMAND_TIMEOUT}, and Lettuce
 * reconnects at most {@link #RECONNECT_MAX} apart (it re-subscribes pub/sub channels itself).
 */
record RedisLink(
        AbstractRedisClient client,
        ClientResources resources,
        StatefulConnection<byte[], byte[]> connection,
        RedisClusterCommands<byte[], byte[]> sync,
        RedisClusterAsyncCommands<byte[], byte[]> async,
        StatefulRedisPubSubConnection<byte[], byte[]> pubsub,
        boolean cluster) implements AutoCloseable {

    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration RECONNECT_MAX = Duration.ofMillis(500);
    static final String CLUSTER_SUFFIX = "+cluster";
    static final int REQUEST_QUEUE = 100_000;

    /** Is {@code url} one of the store URLs this adapter takes? */
    static boolean accepts(String url) {
        String scheme = scheme(url);
        return scheme.equals("redis") || scheme.equals("rediss") || scheme.equals("redis-sentinel")
                || scheme.equals("redis" + CLUSTER_SUFFIX) || scheme.equals("rediss" + CLUSTER_SUFFIX);
    }

    /**
     * Connects to {@code redis://[:password@]host:port[/db]} (also {@code rediss://} for TLS and
     * {@code redis-sentinel://}), or to a cluster through one seed node with
     * {@code redis+cluster://[:password@]host:port} (or {@code rediss+cluster://}).
     */
    static RedisLink connect(String url) {
        String scheme = scheme(url);
        boolean cluster = scheme.endsWith(CLUSTER_SUFFIX);
        RedisURI uri = RedisURI.create(cluster
                ? scheme.substring(0, scheme.length() - CLUSTER_SUFFIX.length()) + url.substring(scheme.length())
                : url);
        uri.setTimeout(COMMAND_TIMEOUT);
        ClientResources resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), RECONNECT_MAX, 2, java.util.concurrent.TimeUnit.MILLISECONDS))
                .build();
        SocketOptions socket = SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build();
        TimeoutOptions timeouts = TimeoutOptions.enabled(COMMAND_TIMEOUT);
        try {
            if (cluster) {
                RedisClusterClient client = RedisClusterClient.create(resources, uri);
                // A cluster client connects to each node lazily; rejecting commands while a node
                // connection is being made would fail healthy commands, so they wait, bounded by
                // the command timeout and a bounded queue.
                client.setOptions(ClusterClientOptions.builder().socketOptions(socket).timeoutOptions(timeouts)
                        .autoReconnect(true).requestQueueSize(REQUEST_QUEUE)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                        .build());
                try {
                    StatefulRedisClusterConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
                    return new RedisLink(client, resources, connection, connection.sync(), connection.async(),
                            client.connectPubSub(ByteArrayCodec.INSTANCE), true);
                } catch (RuntimeException e) {
                    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
                    throw e;
                }
            }
            RedisClient client = RedisClient.create(resources, uri);
            client.setOptions(ClientOptions.builder().socketOptions(socket).timeoutOptions(timeouts)
                    .autoReconnect(true).requestQueueSize(REQUEST_QUEUE).disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
            try {
                StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
                return new RedisLink(client, resources, connection, connection.sync(), connection.async(),
                        client.connectPubSub(ByteArrayCodec.INSTANCE), false);
            } catch (RuntimeException e) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
                throw e;
            }
        } catch (RuntimeException e) {
            resources.shutdown(0, 1, java.util.concurrent.TimeUnit.SECONDS);
            throw e;
        }
    }

    private static String scheme(String url) {
        int colon = url.indexOf("://");
        return colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** The URL with any password replaced, fit for a log line. */
    static String redacted(String url) {
        return url.replaceAll("//([^@/]*)@", "//***@");
    }

    @Override
    public void close() {
        pubsub.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        resources.shutdown(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
