package dev.wireplug.adapters.store.memory;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.wireplug.application.port.out.RendezvousStore;

/** Binds the in-process coordinator state under the name {@code memory}. */
@Module
public abstract class MemoryStoreModule {
    private MemoryStoreModule() {}

    @Binds
    @IntoMap
    @StringKey("memory")
    abstract RendezvousStore rendezvousStore(InMemoryRendezvousStore store);
}
