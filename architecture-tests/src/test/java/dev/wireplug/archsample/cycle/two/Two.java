package dev.wireplug.archsample.cycle.two;

/** Deliberately wrong: the other half of a package cycle. */
public final class Two {
    public dev.wireplug.archsample.cycle.one.One other;
}
