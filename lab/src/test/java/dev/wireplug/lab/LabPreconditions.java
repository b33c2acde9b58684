package dev.wireplug.lab;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Fails (does not skip) a {@link LabTest} class when this machine cannot run the lab. */
public final class LabPreconditions implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        List<String> missing = new ArrayList<>(Prerequisites.missingBase());
        for (String p : List.of("wireguard-go", "wg", "tcpdump", "natpmpc", "miniupnpd", "ss", "turnserver", "turnutils_natdiscovery")) {
            if (Prerequisites.find(p).isEmpty()) {
                missing.add("program " + p);
            }
        }
        if (!missing.isEmpty()) {
            fail(Prerequisites.message(missing) + "; or leave lab tests out with -Dlab.skip=true");
        }
    }
}
