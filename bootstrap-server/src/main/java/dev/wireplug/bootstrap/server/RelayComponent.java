package dev.wireplug.bootstrap.server;

import dagger.BindsInstance;
import dagger.Component;
import dev.wireplug.adapters.transport.relay.RelayModule;
import dev.wireplug.adapters.transport.relay.RelayPlaneSettings;
import dev.wireplug.application.port.out.RelayDataPlane;
import javax.inject.Singleton;

/**
 * The relay's data plane, built only when the config turns the relay on, once the config is read
 * (its settings are bound as an instance); only the chosen plane is ever constructed.
 */
@Singleton
@Component(modules = RelayModule.class)
interface RelayComponent {
    RelayDataPlane relayDataPlane();

    @Component.Factory
    interface Factory {
        RelayComponent create(@BindsInstance RelayPlaneSettings settings);
    }
}
