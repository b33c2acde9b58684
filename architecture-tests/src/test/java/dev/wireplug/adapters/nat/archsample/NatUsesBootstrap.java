package dev.wireplug.adapters.nat.archsample;

/** Deliberately wrong: an adapter using a bootstrap. */
public final class NatUsesBootstrap {
    public Class<?> bootstrap = dev.wireplug.bootstrap.client.WireplugdMain.class;
}
