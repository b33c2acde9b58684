package dev.wireplug.application.archsample;

/** Deliberately wrong: the application reaching into an adapter. */
public final class ApplicationUsesAdapter {
    public Class<?> adapter = dev.wireplug.adapters.store.file.FileStoreModule.class;
}
