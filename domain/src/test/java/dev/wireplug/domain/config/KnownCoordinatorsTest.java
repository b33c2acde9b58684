package dev.wireplug.domain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.HostPort;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownCoordinatorsTest {
    private static final PublicKey K1 = PublicKey.parse("HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=");
    private static final PublicKey K2 = PublicKey.parse("xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=");
    private static final HostPort COORD = new HostPort("coord.example.net", 3478);

    @Test
    void aLearnedKeyIsFoundAgainAfterARoundTripThroughTheFile() throws ConfigException {
        KnownCoordinators known = KnownCoordinators.empty().with(COORD, K1);
        KnownCoordinators read = KnownCoordinators.parse("known", List.of(known.render().split("\n")));
        assertEquals(K1, read.find(COORD).orElseThrow().key());
        assertEquals(Optional.empty(), read.find(new HostPort("coord.example.net", 3479)), "a key is for one name and port");
    }

    @Test
    void commentsAndOtherEntriesAreKeptWhenAKeyIsAdded() throws ConfigException {
        KnownCoordinators known = KnownCoordinators.parse("known",
                List.of("# mine", "other.example:3478 " + K2.toBase64(), ""));
        String rendered = known.with(COORD, K1).render();
        assertEquals("# mine\nother.example:3478 " + K2.toBase64() + "\n\ncoord.example.net:3478 " + K1.toBase64() + "\n",
                rendered);
        assertEquals(4, KnownCoordinators.parse("known", List.of(rendered.split("\n"))).find(COORD).orElseThrow().line());
    }

    @Test
    void aBadLineIsAnErrorNamingTheFileAndLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> KnownCoordinators.parse("/var/lib/wireplugd/known_coordinators", List.of("#", "coord:3478 notakey")));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("/var/lib/wireplugd/known_coordinators:2: "), e.getMessage());
    }

    @Test
    void aCoordinatorListedTwiceIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> KnownCoordinators.parse("known",
                List.of("coord.example.net:3478 " + K1.toBase64(), "coord.example.net:3478 " + K2.toBase64())));
        assertTrue(e.problem().contains("line 1"), e.problem());
    }

    @Test
    void aLineWithThreeFieldsIsRejected() {
        assertThrows(ConfigException.class, () -> KnownCoordinators.parse("known",
                List.of("coord.example.net:3478 " + K1.toBase64() + " extra")));
    }
}
