package dev.wireplug.adapters.wireguard.bsd;

/**
 * Where the fields of PF_ROUTE messages sit on one system (LP64, little-endian). All three start
 * with {@code u_short msglen; u_char version; u_char type;} and RTM_VERSION 5, and follow the fixed
 * header with the sockaddrs named by the {@code addrs} bitmask (RTA_DST 0x1, RTA_GATEWAY 0x2,
 * RTA_NETMASK 0x4, RTA_GENMASK 0x8, RTA_IFP 0x10, RTA_IFA 0x20, RTA_AUTHOR 0x40, RTA_BRD 0x80, in
 * that order), each padded to {@code align} bytes (a zero sa_len still takes one slot). The rest
 * differs; see each constant.
 *
 * @param headerLengthAt offset of OpenBSD's {@code *_hdrlen}, or -1 where the header has a fixed size
 * @param rtHeader sizeof(struct rt_msghdr) (on OpenBSD what a request puts in rtm_hdrlen)
 * @param rtPidAt offset of {@code rtm_pid}; {@code rtm_seq} and {@code rtm_errno} follow as ints
 * @param ifHeader sizeof(struct if_msghdr), when fixed
 * @param ifaHeader sizeof(struct ifa_msghdr), when fixed
 * @param linkStateAt offset of {@code ifi_link_state} in if_msghdr, or -1 where if_data has none
 * @param linkDown the LINK_STATE_DOWN value
 */
public record RoutingSocketLayout(
        String system,
        int headerLengthAt,
        int rtIndexAt, int rtFlagsAt, int rtAddrsAt, int rtHeader, int rtPidAt,
        int ifIndexAt, int ifFlagsAt, int ifAddrsAt, int ifHeader, int linkStateAt, int linkDown,
        int ifaIndexAt, int ifaAddrsAt, int ifaHeader,
        int align,
        BsdSockaddr sockaddr) {

    /**
     * OpenBSD sys/net/route.h and sys/net/if.h: every message carries its header length at offset
     * 4 ({@code rtm_hdrlen}, {@code ifm_hdrlen}, {@code ifam_hdrlen}).
     * <pre>
     * rt_msghdr:  msglen@0 version@2 type@3 hdrlen@4 index@6 tableid@8 priority@10 mpls@11 addrs@12 flags@16
 *             fmask@20 pid@24 seq@28 errno@32 inits@36 rt_metrics@40 (2 x 8 + 10 x 4 = 56)  = 96 bytes
     * if_msghdr:  msglen@0 version@2 type@3 hdrlen@4 index@6 tableid@8 pad1@10 pad2@11 addrs@12 flags@16
     *             xflags@20 if_data@24 (ifi_type@24 addrlen@25 hdrlen@26 ifi_link_state@27)
     * ifa_msghdr: msglen@0 version@2 type@3 hdrlen@4 index@6 tableid@8 pad1@10 pad2@11 addrs@12 flags@16 metric@20
     * </pre>
     * LINK_STATE_DOWN is 2 (UNKNOWN 0, INVALID 1, KALIVE_DOWN 3, UP 4, HALF_DUPLEX 5, FULL_DUPLEX 6);
     * sockaddrs are padded with ROUNDUP to sizeof(long) = 8.
     */
    public static final RoutingSocketLayout OPENBSD = new RoutingSocketLayout("OpenBSD", 4,
            6, 16, 12, 96, 24,
            6, 16, 12, -1, 27, 2,
            6, 12, -1,
            8, BsdSockaddr.OPENBSD);

    /**
     * FreeBSD sys/net/route.h and sys/net/if.h, amd64:
     * <pre>
     * rt_msghdr:  msglen@0 version@2 type@3 index@4 spare@6 flags@8 addrs@12 pid@16 seq@20 errno@24
     *             fmask@28 u_long inits@32 rt_metrics@40 (14 u_long = 112)          = 152 bytes
     * if_msghdr:  msglen@0 version@2 type@3 addrs@4 flags@8 index@12 spare@14 if_data@16 (152 bytes:
     *             ifi_type@16 physical@17 addrlen@18 hdrlen@19 ifi_link_state@20 ...)  = 168 bytes
     * ifa_msghdr: msglen@0 version@2 type@3 addrs@4 flags@8 index@12 spare@14 metric@16 = 20 bytes
     * </pre>
     * LINK_STATE_DOWN is 1 (UNKNOWN 0, UP 2); sockaddrs are padded by SA_SIZE to sizeof(long) = 8.
     * The sizes agree with golang.org/x/net/route's sizeofRtMsghdr, sizeofIfMsghdrFreeBSD11 (0xa8)
     * and sizeofIfaMsghdrFreeBSD10 (0x14).
     */
    public static final RoutingSocketLayout FREEBSD = new RoutingSocketLayout("FreeBSD", -1,
            4, 8, 12, 152, 16,
            12, 8, 4, 168, 20, 1,
            12, 4, 20,
            8, BsdSockaddr.FREEBSD);

    /**
     * macOS (xnu bsd/net/route.h, bsd/net/if.h, bsd/net/if_var.h with #pragma pack(4)):
     * <pre>
     * rt_msghdr:  msglen@0 version@2 type@3 index@4 flags@8 addrs@12 pid@16 seq@20 errno@24 use@28
     *             inits@32 rt_metrics@36 (14 u_int32 = 56)                          = 92 bytes
     * if_msghdr:  msglen@0 version@2 type@3 addrs@4 flags@8 index@12 if_data@16 (96 bytes, no
     *             link state: IFF_UP and IFF_RUNNING tell)                          = 112 bytes
     * ifa_msghdr: msglen@0 version@2 type@3 addrs@4 flags@8 index@12 metric@16      = 20 bytes
     * </pre>
     * Sockaddrs are padded to 4 bytes (ROUNDUP32). The sizes agree with golang.org/x/net/route's
     * sizeofRtMsghdrDarwin15 (0x5c), sizeofIfMsghdrDarwin15 (0x70), sizeofIfaMsghdrDarwin15 (0x14).
     */
    public static final RoutingSocketLayout DARWIN = new RoutingSocketLayout("macOS", -1,
            4, 8, 12, 92, 16,
            12, 8, 4, 112, -1, 0,
            12, 4, 20,
            4, BsdSockaddr.DARWIN);
}
