package dev.wireplug.adapters.wireguard.jna.linux;

import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/** struct sockaddr_nl, include/uapi/linux/netlink.h: 12 bytes. */
@FieldOrder({"nl_family", "nl_pad", "nl_pid", "nl_groups"})
public class SockaddrNl extends Structure {
    public short nl_family;
    public short nl_pad;
    public int nl_pid;
    public int nl_groups;

    public SockaddrNl() {}

    public SockaddrNl(int pid, int groups) {
        nl_family = (short) LibC.AF_NETLINK;
        nl_pid = pid;
        nl_groups = groups;
    }
}
