package dev.wireplug.adapters.nat.announce;

import dagger.Module;
import dagger.Provides;
import dev.wireplug.application.port.out.GatewayAnnouncements;

/** Binds the 224.0.0.1:5350 listener for NAT-PMP and PCP gateway announcements. */
@Module
public final class AnnouncementsModule {
    private AnnouncementsModule() {}

    @Provides
    static GatewayAnnouncements gatewayAnnouncements() {
        return new MulticastGatewayAnnouncements(MulticastGatewayAnnouncements.PORT);
    }
}
