package dev.wireplug.domain.nat;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A protocol for asking the gateway to open a port, named as in {@code PortMapping = ...}. */
public enum MappingMethod {
    PCP("pcp"),
    NATPMP("natpmp"),
    UPNP("upnp");

    private final String configName;

    MappingMethod(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static MappingMethod parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        for (MappingMethod method : values()) {
            if (method.configName.equals(s)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown port mapping method '" + text.strip() + "' (expected "
                + Arrays.stream(values()).map(MappingMethod::configName).collect(Collectors.joining(", "))
                + " or none)");
    }
}
