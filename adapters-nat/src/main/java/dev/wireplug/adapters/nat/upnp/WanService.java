package dev.wireplug.adapters.nat.upnp;

import java.net.URI;
import java.util.Objects;

/** A WAN connection service found in a device description, with its absolute control URL. */
public record WanService(String serviceType, URI controlUrl) {
    public static final String WAN_IP_2 = "urn:schemas-upnp-org:service:WANIPConnection:2";
    public static final String WAN_IP_1 = "urn:schemas-upnp-org:service:WANIPConnection:1";
    public static final String WAN_PPP_1 = "urn:schemas-upnp-org:service:WANPPPConnection:1";

    public WanService {
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(controlUrl, "controlUrl");
    }

    /** Lower is better: WANIPConnection:2, then :1, then WANPPPConnection:1. */
    public int preference() {
        return switch (serviceType) {
            case WAN_IP_2 -> 0;
            case WAN_IP_1 -> 1;
            case WAN_PPP_1 -> 2;
            default -> 3;
        };
    }

    /** IGDv2's WANIPConnection:2 has AddAnyPortMapping, which picks a free port itself. */
    public boolean hasAddAnyPortMapping() {
        return serviceType.equals(WAN_IP_2);
    }
}
