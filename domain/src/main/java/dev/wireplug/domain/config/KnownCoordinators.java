package dev.wireplug.domain.config;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.HostPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The coordinators' keys learned on first use, like ssh's known_hosts: one
 * {@code host:port base64-key} per line, {@code #} comments. A coordinator is named as the config
 * names it, so a key is trusted for that name only.
 */
public final class KnownCoordinators {
    /** One remembered key and the line it is on (for messages that tell the user what to delete). */
    public record Entry(HostPort coordinator, PublicKey key, int line) {}

    private final List<String> lines;
    private final List<Entry> entries;

    private KnownCoordinators(List<String> lines, List<Entry> entries) {
        this.lines = List.copyOf(lines);
        this.entries = List.copyOf(entries);
    }

    public static KnownCoordinators empty() {
        return new KnownCoordinators(List.of(), List.of());
    }

    /** Parses the file; a bad line is an error naming it, never silently skipped (it may be the pin). */
    public static KnownCoordinators parse(String source, List<String> lines) throws ConfigException {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\\s+");
            if (fields.length != 2) {
                throw new ConfigException(source, i + 1, "expected 'host:port key', found '" + text + "'");
            }
            HostPort coordinator;
            PublicKey key;
            try {
                coordinator = HostPort.parse(fields[0], 3478);
                key = PublicKey.parse(fields[1]);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, i + 1, e.getMessage() + " (delete the line to learn the key again)");
            }
            for (Entry seen : entries) {
                if (seen.coordinator().equals(coordinator)) {
                    throw new ConfigException(source, i + 1, coordinator + " is already on line " + seen.line());
                }
            }
            entries.add(new Entry(coordinator, key, i + 1));
        }
        return new KnownCoordinators(lines, entries);
    }

    public Optional<Entry> find(HostPort coordinator) {
        return entries.stream().filter(e -> e.coordinator().equals(coordinator)).findFirst();
    }

    /** The same file with one more line; comments and other entries are kept as they were. */
    public KnownCoordinators with(HostPort coordinator, PublicKey key) {
        if (find(coordinator).isPresent()) {
            throw new IllegalStateException(coordinator + " is already known");
        }
        List<String> out = new ArrayList<>(lines);
        if (out.isEmpty()) {
            out.add("# Coordinator keys wireplugd learned on first use (host:port key). Delete a line to");
            out.add("# learn that coordinator's key again; pin a key with CoordinatorKey in [Wireplug].");
        }
        out.add(coordinator + " " + key.toBase64());
        List<Entry> entries = new ArrayList<>(this.entries);
        entries.add(new Entry(coordinator, key, out.size()));
        return new KnownCoordinators(out, entries);
    }

    public String render() {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
