package dev.wireplug.bootstrap.server;

import dagger.BindsInstance;
import dagger.Subcomponent;
import dev.wireplug.adapters.store.memory.MemoryStoreModule;
import dev.wireplug.adapters.store.redis.RedisStoreModule;
import dev.wireplug.application.port.out.RendezvousStore;
import javax.inject.Named;

/** The coordinator's store, built once the config has named it ({@code Store = memory | redis://...}). */
@Subcomponent(modules = {MemoryStoreModule.class, RedisStoreModule.class, StoreChoiceModule.class})
interface StoreComponent {
    RendezvousStore rendezvousStore();

    @Subcomponent.Factory
    interface Factory {
        StoreComponent create(@BindsInstance @Named(RedisStoreModule.STORE_URL) String url);
    }
}
