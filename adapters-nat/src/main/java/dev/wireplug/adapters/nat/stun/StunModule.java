package dev.wireplug.adapters.nat.stun;

import dagger.Binds;
import dagger.Module;
import dev.wireplug.application.port.out.NatProbe;

/** Binds the STUN implementation of {@link NatProbe}. */
@Module
public abstract class StunModule {
    private StunModule() {}

    @Binds
    abstract NatProbe natProbe(StunNatProbe probe);
}
