package dev.wireplug.domain.config;

import java.util.Locale;

/** Which WireGuard backend drives the interface: {@code WireGuardImplementation = ...}. */
public enum WireGuardImplementation {
    /** The userspace UAPI socket when it exists, else the kernel. */
    AUTO,
    KERNEL,
    USERSPACE;

    public static WireGuardImplementation parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "kernel" -> KERNEL;
            case "userspace" -> USERSPACE;
            default -> throw new IllegalArgumentException("'" + text.strip()
                    + "' is not a WireGuard implementation (expected auto, kernel or userspace)");
        };
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
