package dev.wireplug.archsample.cycle.one;

/** Deliberately wrong: half of a package cycle. */
public final class One {
    public dev.wireplug.archsample.cycle.two.Two other;
}
