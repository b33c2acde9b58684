package dev.wireplug.bootstrap.client;

import dagger.Module;
import dagger.Provides;
import dev.wireplug.application.port.in.GenerateConfigUseCase;
import dev.wireplug.application.port.in.LoadConfigUseCase;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.KeyGenerator;
import dev.wireplug.application.port.out.SecretFileStore;
import dev.wireplug.application.service.GenerateConfigService;
import dev.wireplug.application.service.LoadConfigService;
import java.time.Instant;

/** Builds the client's use cases from the ports the adapter modules bind. */
@Module
final class ClientModule {
    private ClientModule() {}

    @Provides
    static Clock clock() {
        return Instant::now;
    }

    @Provides
    static GenerateConfigUseCase generateConfig(KeyGenerator keys, SecretFileStore files, Clock clock) {
        return new GenerateConfigService(keys, files, clock);
    }

    @Provides
    static LoadConfigUseCase loadConfig(SecretFileStore files) {
        return new LoadConfigService(files);
    }
}
