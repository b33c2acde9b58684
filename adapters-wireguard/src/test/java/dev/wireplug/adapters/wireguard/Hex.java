package dev.wireplug.adapters.wireguard;

import java.util.HexFormat;

/** Test vectors written as commented hex: everything after '#' on a line and all spaces are ignored. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String commented) {
        StringBuilder digits = new StringBuilder();
        for (String line : commented.split("\n")) {
            int hash = line.indexOf('#');
            digits.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(digits.toString());
    }

    static String repeat(String byteHex, int count) {
        return byteHex.repeat(count);
    }
}
