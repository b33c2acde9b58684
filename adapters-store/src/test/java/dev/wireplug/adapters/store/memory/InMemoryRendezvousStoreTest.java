package dev.wireplug.adapters.store.memory;

import dev.wireplug.adapters.store.contract.RendezvousStoreContract;
import dev.wireplug.application.port.out.RendezvousStore;

class InMemoryRendezvousStoreTest extends RendezvousStoreContract {
    @Override
    protected RendezvousStore newStore() {
        return new InMemoryRendezvousStore();
    }
}
