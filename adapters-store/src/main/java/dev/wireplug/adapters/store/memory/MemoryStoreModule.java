package dev.wireplug.adapters.store.memory;

import dagger.Binds;
import dagger.Module;
import dev.wireplug.application.port.out.RendezvousStore;
import javax.inject.Singleton;

/** Binds the in-process coordinator state. */
@Module
public abstract class MemoryStoreModule {
    private MemoryStoreModule() {}

    @Binds
    @Singleton
    abstract RendezvousStore rendezvousStore(InMemoryRendezvousStore store);
}
