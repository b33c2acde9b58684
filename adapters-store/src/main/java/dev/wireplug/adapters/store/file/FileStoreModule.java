package dev.wireplug.adapters.store.file;

import dagger.Binds;
import dagger.Module;
import dev.wireplug.application.port.out.SecretFileStore;

/** Binds the local-file implementations of the storage ports. */
@Module
public abstract class FileStoreModule {
    private FileStoreModule() {}

    @Binds
    abstract SecretFileStore secretFileStore(PosixSecretFileStore store);
}
