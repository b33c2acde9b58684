package dev.wireplug.adapters.nat.stun;

import dagger.Module;
import dagger.Provides;
import dev.wireplug.application.port.out.NatProber;
import java.security.SecureRandom;

/** Binds the STUN-based NAT prober. */
@Module
public final class StunModule {
    private StunModule() {}

    @Provides
    static NatProber natProber() {
        return StunNatProber.standard(new SecureRandom());
    }
}
