package dev.wireplug.bootstrap.client;

import dagger.BindsInstance;
import dagger.Component;
import dev.wireplug.adapters.nat.NatAdaptersModule;
import dev.wireplug.adapters.store.file.FileStoreModule;
import dev.wireplug.adapters.transport.crypto.CryptoModule;
import dev.wireplug.adapters.wireguard.WireGuardAdaptersModule;
import dev.wireplug.application.port.in.GenerateConfigUseCase;
import dev.wireplug.application.port.in.LoadConfigUseCase;
import dev.wireplug.application.port.out.Clock;
import dev.wireplug.application.port.out.GatewayAnnouncements;
import dev.wireplug.application.port.out.GatewayFinder;
import dev.wireplug.application.port.out.HintSealer;
import dev.wireplug.application.port.out.InterfaceConfigurator;
import dev.wireplug.application.port.out.KeyGenerator;
import dev.wireplug.application.port.out.NatProber;
import dev.wireplug.application.port.out.NetworkMonitor;
import dev.wireplug.application.port.out.PortMapper;
import dev.wireplug.application.port.out.WireGuardDevice;
import dev.wireplug.application.port.out.WireGuardInterfaceStarter;
import dev.wireplug.domain.config.WireGuardImplementation;
import dev.wireplug.domain.net.InterfaceName;
import java.security.SecureRandom;
import java.util.Set;
import javax.inject.Singleton;

/** Everything wireplugd runs for one interface, wired once per process. */
@Singleton
@Component(modules = {ClientModule.class, CryptoModule.class, FileStoreModule.class, WireGuardAdaptersModule.class,
        NatAdaptersModule.class})
interface ClientComponent {
    GenerateConfigUseCase generateConfig();

    LoadConfigUseCase loadConfig();

    /** Chosen when asked: after a userspace interface was started, its socket decides. */
    WireGuardDevice wireGuardDevice();

    InterfaceConfigurator interfaceConfigurator();

    NetworkMonitor networkMonitor();

    WireGuardInterfaceStarter interfaceStarter();

    NatProber natProber();

    HintSealer hintSealer();

    /** PCP, NAT-PMP and UPnP; the config's {@code PortMapping} picks and orders them. */
    Set<PortMapper> portMappers();

    GatewayFinder gatewayFinder();

    GatewayAnnouncements gatewayAnnouncements();

    KeyGenerator keyGenerator();

    SecureRandom random();

    Clock clock();

    @Component.Factory
    interface Factory {
        ClientComponent create(@BindsInstance InterfaceName interfaceName,
                @BindsInstance WireGuardImplementation implementation);
    }
}
