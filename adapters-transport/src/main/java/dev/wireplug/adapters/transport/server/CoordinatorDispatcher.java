package dev.wireplug.adapters.transport.server;

import dev.wireplug.adapters.transport.stun.StunServer;
import dev.wireplug.adapters.transport.wire.WireCodec;
import dev.wireplug.application.port.out.Clock;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Splits the one port between our protocol and STUN: our type bytes (0x91-0x97, top bits 10) go
 * to the protocol, anything whose top two bits are 00 to the STUN server (rate limited per
 * source), the rest is dropped. Nothing here throws on any input.
 */
public final class CoordinatorDispatcher {
    private final CoordinatorProtocol protocol;
    private final StunServer stun;
    private final Outbox outbox;
    private final Clock clock;
    private final RateLimiter stunLimiter = new RateLimiter(20, 40);
    private final AtomicLong stunAnswers = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public CoordinatorDispatcher(CoordinatorProtocol protocol, StunServer stun, Outbox outbox, Clock clock) {
        this.protocol = protocol;
        this.stun = stun;
        this.outbox = outbox;
        this.clock = clock;
    }

    public void handle(byte[] datagram, InetSocketAddress sender, InetSocketAddress local) {
        if (datagram.length == 0 || datagram.length > WireCodec.MAX_DATAGRAM) {
            dropped.incrementAndGet();
            return;
        }
        if (WireCodec.isWireplug(datagram)) {
            protocol.onDatagram(datagram, sender, local);
        } else if ((datagram[0] & 0xc0) == 0) {
            Instant now = clock.now();
            if (!stunLimiter.allow(sender.getAddress(), now.getEpochSecond() * 1_000_000_000L + now.getNano())) {
                dropped.incrementAndGet();
                return;
            }
            stun.respond(datagram, sender, local).ifPresentOrElse(reply -> {
                stunAnswers.incrementAndGet();
                outbox.send(reply.datagram(), sender, reply.from());
            }, dropped::incrementAndGet);
        } else {
            dropped.incrementAndGet();
        }
    }

    public long stunAnswers() {
        return stunAnswers.get();
    }

    public long dropped() {
        return dropped.get();
    }
}
