package dev.wireplug.bootstrap.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version and build commit the build stamped into the jar. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {
            "wpcod " + properties.getProperty("version", "unknown")
                    + " (commit " + properties.getProperty("commit", "unknown") + ")"
        };
    }
}
