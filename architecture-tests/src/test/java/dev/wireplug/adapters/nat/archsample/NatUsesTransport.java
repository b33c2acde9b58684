package dev.wireplug.adapters.nat.archsample;

/** Deliberately wrong: one adapter module using another. */
public final class NatUsesTransport {
    public Class<?> other = dev.wireplug.adapters.transport.crypto.CryptoModule.class;
}
