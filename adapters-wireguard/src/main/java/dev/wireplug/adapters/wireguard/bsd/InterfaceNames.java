package dev.wireplug.adapters.wireguard.bsd;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;

/** if_indextoname(3) through the JDK, for routing messages that carry only an index. */
public final class InterfaceNames {
    private InterfaceNames() {}

    public static Optional<String> byIndex(int index) {
        try {
            return Optional.ofNullable(NetworkInterface.getByIndex(index)).map(NetworkInterface::getName);
        } catch (SocketException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
