package dev.wireplug.domain.archsample;

/** Deliberately wrong: a domain class holding a Netty buffer. */
public final class DomainUsesNetty {
    public io.netty.buffer.ByteBuf bytes;
}
