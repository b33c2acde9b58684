/**
 * The relay of last resort's data planes, behind
 * {@link dev.wireplug.application.port.out.RelayDataPlane}.
 *
 * <ul>
 * <li>One UDP port per allocation. Both peers are told {@code relay:port} as the other's
 *     endpoint; the sides are told apart by their learned source addresses (not by port), so an
 *     allocation costs one port and the kernel rules match one port.</li>
 * <li>Learning: a side is learned only from a 148-byte handshake initiation (type 1) that comes
 *     from the public address that side announced and whose mac1 verifies against the OTHER
 *     side's public key ({@link dev.wireplug.adapters.transport.relay.Mac1}); the decision is the
 *     domain's ({@link dev.wireplug.domain.relay.RelayAllocation}). The initiation that completes
 *     learning is forwarded at once. Everything else from an unlearned address is dropped and
 *     counted. Both peers must initiate (persistent keepalive does it when the endpoint is set).</li>
 * <li>{@code NettyRelayDataPlane} (default, portable): every datagram through user space, epoll
 *     with recvmmsg/sendmmsg on Linux, NIO elsewhere; per-allocation and global token buckets.</li>
 * <li>{@code NftablesRelayDataPlane} (Linux): the same learning socket, plus map elements in
 *     {@code table inet wireplug_relay} once both sides are learned, so forwarding, counting and
 *     limits happen in the kernel; a fresh conntrack zone per activation so no stale entry keeps a
 *     flow in user space or on an old address.</li>
 * <li>Idle expiry is the application's ({@code RelayAllocationService.expireIdle}), from polled
 *     counters, the same for both planes.</li>
 * </ul>
 */
package dev.wireplug.adapters.transport.relay;
