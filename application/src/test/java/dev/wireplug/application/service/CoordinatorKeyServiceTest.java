package dev.wireplug.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireplug.application.port.out.CoordinatorKeyProbe;
import dev.wireplug.application.port.out.KnownCoordinatorStore;
import dev.wireplug.application.service.CoordinatorKeyService.CoordinatorKeyException;
import dev.wireplug.application.service.CoordinatorKeyService.Resolution;
import dev.wireplug.domain.config.ConfigException;
import dev.wireplug.domain.config.KnownCoordinators;
import dev.wireplug.domain.key.PublicKey;
import dev.wireplug.domain.net.Endpoint;
import dev.wireplug.domain.net.HostPort;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoordinatorKeyServiceTest {
    private static final PublicKey SERVER = PublicKey.parse("HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=");
    private static final PublicKey OTHER = PublicKey.parse("xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=");
    private static final HostPort NAME = new HostPort("coord.example.net", 3478);
    private static final Endpoint ADDRESS = Endpoint.parse("198.18.0.10:3478");

    private static final class MemoryStore implements KnownCoordinatorStore {
        String text = "";
        int writes;

        @Override
        public KnownCoordinators read() throws ConfigException {
            return text.isEmpty() ? KnownCoordinators.empty()
                    : KnownCoordinators.parse(location(), List.of(text.split("\n")));
        }

        @Override
        public void write(KnownCoordinators known) {
            text = known.render();
            writes++;
        }

        @Override
        public String location() {
            return "/var/lib/wireplugd/known_coordinators";
        }
    }

    private static final class ScriptedProbe implements CoordinatorKeyProbe {
        final List<Optional<PublicKey>> answers = new ArrayList<>();
        int asked;

        @Override
        public Optional<PublicKey> ask(Endpoint coordinator, Duration timeout) {
            asked++;
            return answers.isEmpty() ? Optional.empty() : answers.remove(0);
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final ScriptedProbe probe = new ScriptedProbe();
    private final CoordinatorKeyService service = new CoordinatorKeyService(store, probe);

    @Test
    void aPinnedKeyIsUsedWithoutAskingOrRemembering() throws Exception {
        Resolution r = service.resolve(NAME, ADDRESS, Optional.of(SERVER));
        assertEquals(new Resolution.Pinned(SERVER), r);
        assertEquals(0, probe.asked);
        assertEquals(0, store.writes);
    }

    @Test
    void theFirstAnswerIsRememberedAndUsedFromThenOnWithoutAsking() throws Exception {
        probe.answers.add(Optional.of(SERVER));
        assertInstanceOf(Resolution.LearnedOnFirstUse.class, service.resolve(NAME, ADDRESS, Optional.empty()));
        Resolution again = service.resolve(NAME, ADDRESS, Optional.empty());
        assertEquals(SERVER, again.key());
        assertInstanceOf(Resolution.Remembered.class, again);
        assertEquals(1, probe.asked);
    }

    @Test
    void aLostAnswerIsAskedAgainAFewTimes() throws Exception {
        probe.answers.add(Optional.empty());
        probe.answers.add(Optional.of(SERVER));
        assertEquals(SERVER, service.resolve(NAME, ADDRESS, Optional.empty()).key());
        assertEquals(2, probe.asked);
    }

    @Test
    void aSilentCoordinatorIsAnErrorThatSaysHowToPinTheKey() {
        CoordinatorKeyException e = assertThrows(CoordinatorKeyException.class,
                () -> service.resolve(NAME, ADDRESS, Optional.empty()));
        assertEquals(CoordinatorKeyService.ASK_ATTEMPTS, probe.asked);
        assertTrue(e.getMessage().contains("CoordinatorKey"), e.getMessage());
        assertEquals(0, store.writes);
    }

    @Test
    void aChangedKeyIsReportedWithTheLineToDeleteAndNotAdopted() throws Exception {
        probe.answers.add(Optional.of(SERVER));
        service.resolve(NAME, ADDRESS, Optional.empty());
        Resolution.Remembered remembered = (Resolution.Remembered) service.resolve(NAME, ADDRESS, Optional.empty());
        probe.answers.add(Optional.of(OTHER));
        String warning = service.verifyRemembered(NAME, ADDRESS, remembered).orElseThrow();
        assertTrue(warning.contains("/var/lib/wireplugd/known_coordinators:" + remembered.line()), warning);
        assertEquals(SERVER, service.resolve(NAME, ADDRESS, Optional.empty()).key(), "still the remembered key");
    }

    @Test
    void anAgreeingOrSilentCoordinatorRaisesNoWarning() throws Exception {
        probe.answers.add(Optional.of(SERVER));
        service.resolve(NAME, ADDRESS, Optional.empty());
        Resolution.Remembered remembered = (Resolution.Remembered) service.resolve(NAME, ADDRESS, Optional.empty());
        probe.answers.add(Optional.of(SERVER));
        assertEquals(Optional.empty(), service.verifyRemembered(NAME, ADDRESS, remembered));
        assertEquals(Optional.empty(), service.verifyRemembered(NAME, ADDRESS, remembered));
    }

    @Test
    void aStoreThatCannotBeWrittenIsAnErrorGivingTheKeyToPin() {
        probe.answers.add(Optional.of(SERVER));
        CoordinatorKeyService failing = new CoordinatorKeyService(new KnownCoordinatorStore() {
            @Override
            public KnownCoordinators read() {
                return KnownCoordinators.empty();
            }

            @Override
            public void write(KnownCoordinators known) throws IOException {
                throw new IOException("Read-only file system");
            }

            @Override
            public String location() {
                return "/var/lib/wireplugd/known_coordinators";
            }
        }, probe);
        CoordinatorKeyException e = assertThrows(CoordinatorKeyException.class,
                () -> failing.resolve(NAME, ADDRESS, Optional.empty()));
        assertTrue(e.getMessage().contains(SERVER.toBase64()), e.getMessage());
    }
}
