package dev.wireplug.domain.net;

import java.util.Objects;

/** A network interface name as the kernels accept it: 1 to 15 characters, no '/' or spaces. */
public record InterfaceName(String value) {
    private static final int MAX_LENGTH = 15;

    public InterfaceName {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("interface name '" + value + "' must be 1 to " + MAX_LENGTH
                    + " characters");
        }
        if (!value.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-'
                || c == '.' || c == '=' || c == '+')
                || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException("interface name '" + value
                    + "' may only use letters, digits and _ - . = +");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
