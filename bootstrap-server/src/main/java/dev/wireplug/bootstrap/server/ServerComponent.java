package dev.wireplug.bootstrap.server;

import dagger.Component;
import dev.wireplug.adapters.store.file.FileStoreModule;
import dev.wireplug.adapters.transport.crypto.CryptoModule;
import dev.wireplug.adapters.transport.metrics.MetricsHttpServer;
import dev.wireplug.adapters.transport.metrics.MetricsModule;
import dev.wireplug.application.port.in.LoadServerConfigUseCase;
import dev.wireplug.application.port.in.ServerKeyUseCase;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.CoordinatorMetrics;
import java.security.SecureRandom;
import javax.inject.Singleton;

/** Everything wpcod runs, wired once per process. */
@Singleton
@Component(modules = {ServerModule.class, CryptoModule.class, FileStoreModule.class, MetricsModule.class})
interface ServerComponent {
    ServerKeyUseCase serverKey();

    LoadServerConfigUseCase loadServerConfig();

    /** The store named by the config; a Redis store is only connected when asked for. */
    StoreComponent.Factory stores();

    CoordinatorMetrics metrics();

    MetricsHttpServer metricsServer();

    Clock clock();

    SecureRandom random();
}
