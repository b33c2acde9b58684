package dev.wireplug.adapters.nat;

import java.util.HexFormat;

/** Test helper: hex with spaces and line breaks allowed, so vectors read like the RFC diagrams. */
public final class Hex {
    private Hex() {}

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
