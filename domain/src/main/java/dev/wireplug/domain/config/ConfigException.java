package dev.wireplug.domain.config;

/**
 * A config file that cannot be used, with where and why: {@code /etc/wireplugd.wg0:12: ...}.
 * Line 0 means the file as a whole (a missing section, say).
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String problem;

    public ConfigException(String source, int line, String problem) {
        super(line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
