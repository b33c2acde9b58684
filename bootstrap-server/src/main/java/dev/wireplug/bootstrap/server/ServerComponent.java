package dev.wireplug.bootstrap.server;

import dagger.Component;
import dev.wireplug.adapters.store.file.FileStoreModule;
import dev.wireplug.adapters.store.memory.MemoryStoreModule;
import dev.wireplug.adapters.transport.crypto.CryptoModule;
import dev.wireplug.application.port.in.LoadServerConfigUseCase;
import dev.wireplug.application.port.in.ServerKeyUseCase;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.RendezvousStore;
import java.security.SecureRandom;
import javax.inject.Singleton;

/** Everything wpcod runs, wired once per process. */
@Singleton
@Component(modules = {ServerModule.class, CryptoModule.class, FileStoreModule.class, MemoryStoreModule.class})
interface ServerComponent {
    ServerKeyUseCase serverKey();

    LoadServerConfigUseCase loadServerConfig();

    RendezvousStore rendezvousStore();

    Clock clock();

    SecureRandom random();
}
