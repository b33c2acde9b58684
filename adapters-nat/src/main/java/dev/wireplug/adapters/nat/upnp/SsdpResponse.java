package dev.wireplug.adapters.nat.upnp;

import java.net.URI;
import java.util.Objects;

/** One answer to an M-SEARCH: where the description lives and what was found. */
public record SsdpResponse(URI location, String searchTarget, String usn, String server) {
    public SsdpResponse {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(searchTarget, "searchTarget");
        Objects.requireNonNull(usn, "usn");
        Objects.requireNonNull(server, "server");
    }

    public boolean isIgdV2() {
        return searchTarget.endsWith(":InternetGatewayDevice:2");
    }
}
