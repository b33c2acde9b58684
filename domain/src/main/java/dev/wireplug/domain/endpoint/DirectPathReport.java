package dev.wireplug.domain.endpoint;

/**
 * What a daemon tells the coordinator about the direct path to one mutual peer: its attempts give
 * no handshake (so a relay may be worth it), or a direct handshake works (so the relay can go).
 */
public enum DirectPathReport {
    DIRECT_FAILING,
    DIRECT_WORKS
}
