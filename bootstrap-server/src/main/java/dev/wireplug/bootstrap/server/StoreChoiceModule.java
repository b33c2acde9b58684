package dev.wireplug.bootstrap.server;

import dagger.Module;
import dagger.Provides;
import dev.wireplug.adapters.store.redis.RedisStoreModule;
import dev.wireplug.application.port.out.RendezvousStore;
import java.util.Map;
import javax.inject.Named;
import javax.inject.Provider;

/** Picks the store by the scheme of its URL; only the chosen one is ever built. */
@Module
final class StoreChoiceModule {
    private StoreChoiceModule() {}

    @Provides
    static RendezvousStore store(@Named(RedisStoreModule.STORE_URL) String url,
            Map<String, Provider<RendezvousStore>> stores) {
        String name = kind(url);
        return stores.get(name).get();
    }

    static String kind(String url) {
        if (url.equals("memory")) {
            return "memory";
        }
        if (RedisStoreModule.accepts(url)) {
            return "redis";
        }
        throw new IllegalArgumentException("'" + url + "' is not a store (expected memory or redis://host:port[/db])");
    }
}
