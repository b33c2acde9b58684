package dev.wireplug.adapters.transport.crypto;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.wireplug.application.port.out.HintSealer;
import dev.wireplug.application.port.out.KeyGenerator;
import java.security.SecureRandom;
import javax.inject.Singleton;

/** Binds the BouncyCastle implementations of the crypto ports. */
@Module
public abstract class CryptoModule {
    private CryptoModule() {}

    @Binds
    abstract KeyGenerator keyGenerator(BouncyCastleKeyGenerator generator);

    @Binds
    abstract HintSealer hintSealer(BouncyCastleHintSealer sealer);

    @Provides
    @Singleton
    static SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
