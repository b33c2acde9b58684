package dev.wireplug.adapters.nat;

import dagger.Module;
import dev.wireplug.adapters.nat.announce.AnnouncementsModule;
import dev.wireplug.adapters.nat.gateway.GatewayModule;
import dev.wireplug.adapters.nat.natpmp.NatPmpModule;
import dev.wireplug.adapters.nat.pcp.PcpModule;
import dev.wireplug.adapters.nat.stun.StunModule;
import dev.wireplug.adapters.nat.upnp.UpnpModule;

/**
 * Everything adapters-nat offers: {@code Set<PortMapper>} (PCP, NAT-PMP, UPnP) and a
 * {@code GatewayFinder}, a {@code NatProber} and {@code GatewayAnnouncements}. The component must bind a {@code Clock}. Which methods are used, and in
 * which order, is the policy's business (config {@code PortMapping = ...}), not the binding's.
 */
@Module(includes = {PcpModule.class, NatPmpModule.class, UpnpModule.class, GatewayModule.class, StunModule.class,
    AnnouncementsModule.class})
public final class NatAdaptersModule {
    private NatAdaptersModule() {}
}
