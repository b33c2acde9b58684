package dev.wireplug.adapters.store.redis;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.CoordinatorMetrics;
import dev.wireplug.application.port.out.RendezvousStore;
import javax.inject.Named;

/**
 * Binds the Redis store under the name {@code redis}: the bootstrap picks a store by the scheme
 * of {@code Store} and only then builds it, so a memory-only wpcod never loads Lettuce.
 */
@Module
public final class RedisStoreModule {
    /** The name of the binding that holds the store URL from wpcod's config. */
    public static final String STORE_URL = "store.url";

    private RedisStoreModule() {}

    /** Does this module serve {@code url} (redis://, rediss://, redis-sentinel://, redis+cluster://)? */
    public static boolean accepts(String url) {
        return RedisLink.accepts(url);
    }

    @Provides
    @IntoMap
    @StringKey("redis")
    static RendezvousStore redisStore(@Named(STORE_URL) String url, Clock clock, CoordinatorMetrics metrics) {
        return new RedisRendezvousStore(() -> RedisLink.connect(url), RedisLink.redacted(url), clock, metrics);
    }
}
