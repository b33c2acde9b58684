package dev.wireplug.adapters.transport.relay;

import java.io.IOException;

/** Runs nftables commands; a seam so the rule scripts are testable without root. */
interface NftRunner {

    /** Runs a script atomically ({@code nft -f -}); returns what nft printed. */
    String apply(String script) throws IOException;

    /** Runs {@code nft <args>} (a listing); returns its output. */
    String list(String... args) throws IOException;
}
