package dev.wireplug.adapters.transport.relay;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.wireplug.application.port.out.RelayDataPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.inject.Singleton;

/**
 * Binds the relay data plane chosen by {@link RelayPlaneSettings#kind()} (bound by the bootstrap
 * with {@code @BindsInstance}); only the chosen plane is ever built, so a host without nft never
 * touches it.
 */
@Module
public final class RelayModule {
    private RelayModule() {}

    @Provides
    @Singleton
    static RelayDataPlane relayDataPlane(RelayPlaneSettings settings, Lazy<NettyRelayDataPlane> netty,
            Lazy<NftablesRelayDataPlane> nftables) {
        return switch (settings.kind()) {
            case NETTY -> netty.get();
            case NFTABLES -> nftables.get();
        };
    }

    @Provides
    @Singleton
    static NettyRelayDataPlane netty(RelayPlaneSettings settings) {
        return new NettyRelayDataPlane(settings, System::nanoTime);
    }

    @Provides
    @Singleton
    static NftablesRelayDataPlane nftables(RelayPlaneSettings settings) {
        try {
            return new NftablesRelayDataPlane(settings, new ProcessNftRunner("nft"), System::nanoTime);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the nftables relay (root and nft needed): " + e.getMessage(), e);
        }
    }
}
