package dev.wireplug.application.archsample;

/** Deliberately wrong: every adapter-only library used outside adapters and bootstraps. */
public final class UsesEveryFramework {
    public io.netty.channel.Channel netty;
    public com.sun.jna.Pointer jna;
    public org.bouncycastle.crypto.digests.Blake2sDigest bouncyCastle;
    public dagger.Lazy<String> dagger;
    public io.lettuce.core.RedisURI lettuce;
    public picocli.CommandLine picocli;
}
