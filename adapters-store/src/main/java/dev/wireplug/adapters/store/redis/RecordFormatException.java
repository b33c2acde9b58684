package dev.wireplug.adapters.store.redis;

/** Bytes from Redis that are not a record or a push of ours (another version, another program). */
final class RecordFormatException extends Exception {
    RecordFormatException(String message) {
        super(message);
    }
}
