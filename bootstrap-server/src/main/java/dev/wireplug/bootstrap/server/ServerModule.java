package dev.wireplug.bootstrap.server;

import dagger.Module;
import dagger.Provides;
import dev.wireplug.application.port.in.LoadServerConfigUseCase;
import dev.wireplug.application.port.in.ServerKeyUseCase;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.KeyGenerator;
import dev.wireplug.application.port.out.SecretFileStore;
import dev.wireplug.application.service.LoadServerConfigService;
import dev.wireplug.application.service.ServerKeyService;
import java.time.Instant;

/** Builds the coordinator's use cases from the ports the adapter modules bind. */
@Module
final class ServerModule {
    private ServerModule() {}

    @Provides
    static Clock clock() {
        return Instant::now;
    }

    @Provides
    static ServerKeyUseCase serverKey(KeyGenerator keys, SecretFileStore files) {
        return new ServerKeyService(keys, files);
    }

    @Provides
    static LoadServerConfigUseCase loadServerConfig(SecretFileStore files) {
        return new LoadServerConfigService(files);
    }
}
