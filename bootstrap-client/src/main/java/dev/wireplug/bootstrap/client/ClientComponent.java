package dev.wireplug.bootstrap.client;

import dagger.Component;
import dev.wireplug.adapters.store.file.FileStoreModule;
import dev.wireplug.adapters.transport.crypto.CryptoModule;
import dev.wireplug.application.port.in.GenerateConfigUseCase;
import dev.wireplug.application.port.in.LoadConfigUseCase;
import javax.inject.Singleton;

/** Everything wireplugd runs, wired once per process. */
@Singleton
@Component(modules = {ClientModule.class, CryptoModule.class, FileStoreModule.class})
interface ClientComponent {
    GenerateConfigUseCase generateConfig();

    LoadConfigUseCase loadConfig();
}
