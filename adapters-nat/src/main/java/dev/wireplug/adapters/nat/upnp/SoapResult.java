package dev.wireplug.adapters.nat.upnp;

import java.util.Map;
import java.util.Optional;

/** What a SOAP control call gave: the out-arguments, or a UPnP error. */
public sealed interface SoapResult {
    record Success(Map<String, String> arguments) implements SoapResult {
        public Success {
            arguments = Map.copyOf(arguments);
        }

        public Optional<String> argument(String name) {
            return Optional.ofNullable(arguments.get(name));
        }
    }

    /** UPnPError from a SOAP fault (UDA 1.1 section 3.2.2). */
    record Fault(int errorCode, String description) implements SoapResult {
        public static final int INVALID_ARGS = 402;
        public static final int ACTION_FAILED = 501;
        public static final int NOT_AUTHORIZED = 606;
        public static final int CONFLICT_IN_MAPPING_ENTRY = 718;
        public static final int ONLY_PERMANENT_LEASES_SUPPORTED = 725;
        public static final int NO_PORT_MAPS_AVAILABLE = 728;
        public static final int CONFLICT_WITH_OTHER_MECHANISMS = 729;
        public static final int NO_SUCH_ENTRY_IN_ARRAY = 714;
    }
}
