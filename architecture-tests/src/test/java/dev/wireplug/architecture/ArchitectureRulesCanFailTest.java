package dev.wireplug.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.wireplug.adapters.nat.archsample.ClockImpl;
import dev.wireplug.adapters.nat.archsample.DefaultClock;
import dev.wireplug.adapters.nat.archsample.NatUsesBootstrap;
import dev.wireplug.adapters.nat.archsample.NatUsesTransport;
import dev.wireplug.adapters.nat.archsample.NtpClock;
import dev.wireplug.application.archsample.ApplicationUsesAdapter;
import dev.wireplug.application.archsample.UsesEveryFramework;
import dev.wireplug.archsample.cycle.one.One;
import dev.wireplug.archsample.cycle.two.Two;
import dev.wireplug.domain.archsample.DomainUsesNetty;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule, run against a deliberately wrong sample, reports that sample. */
class ArchitectureRulesCanFailTest {

    private static EvaluationResult evaluate(ArchRule rule, Class<?>... samples) {
        JavaClasses classes = new ClassFileImporter().importClasses(samples);
        return rule.evaluate(classes);
    }

    private static String violations(ArchRule rule, Class<?>... samples) {
        EvaluationResult result = evaluate(rule, samples);
        assertTrue(result.hasViolation(), rule.getDescription() + " did not fail on " + List.of(samples));
        return result.getFailureReport().toString();
    }

    @Test
    void domainRuleCatchesAFrameworkInTheDomain() {
        assertTrue(violations(WireplugArchitecture.DOMAIN_DEPENDS_ON_JDK_ONLY, DomainUsesNetty.class)
                .contains("io.netty.buffer.ByteBuf"));
    }

    @Test
    void applicationRuleCatchesAnAdapterInTheApplication() {
        assertTrue(violations(WireplugArchitecture.APPLICATION_DEPENDS_ON_DOMAIN_AND_JDK_ONLY,
                ApplicationUsesAdapter.class).contains("FileStoreModule"));
    }

    @Test
    void adapterRuleCatchesOneAdapterUsingAnother() {
        assertTrue(violations(WireplugArchitecture.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER, NatUsesTransport.class,
                dev.wireplug.adapters.transport.crypto.CryptoModule.class).contains("NatUsesTransport"));
    }

    @Test
    void adapterRuleCatchesAnAdapterUsingABootstrap() {
        assertTrue(violations(WireplugArchitecture.ADAPTERS_DO_NOT_DEPEND_ON_BOOTSTRAPS, NatUsesBootstrap.class)
                .contains("WireplugdMain"));
    }

    @Test
    void frameworkRuleCatchesEveryAdapterOnlyLibrary() {
        String report = violations(WireplugArchitecture.FRAMEWORKS_ONLY_IN_ADAPTERS_AND_BOOTSTRAPS,
                UsesEveryFramework.class, DomainUsesNetty.class);
        for (String type : List.of("io.netty.channel.Channel", "com.sun.jna.Pointer",
                "org.bouncycastle.crypto.digests.Blake2sDigest", "dagger.Lazy", "io.lettuce.core.RedisURI",
                "picocli.CommandLine", "io.netty.buffer.ByteBuf")) {
            assertTrue(report.contains(type), type + " not reported in\n" + report);
        }
    }

    @Test
    void cycleRuleCatchesAPackageCycle() {
        assertTrue(violations(WireplugArchitecture.NO_PACKAGE_CYCLES, One.class, Two.class).contains("Cycle"));
    }

    @Test
    void namingRuleCatchesImplementationsNotNamedForATechnology() {
        String report = violations(WireplugArchitecture.PORT_IMPLEMENTATIONS_ARE_NAMED_FOR_THEIR_TECHNOLOGY,
                DefaultClock.class, ClockImpl.class, NtpClock.class);
        assertTrue(report.contains("DefaultClock") && report.contains("ClockImpl"), report);
        assertFalse(report.contains("NtpClock implements Clock and is not"), report);
        assertFalse(evaluate(WireplugArchitecture.PORT_IMPLEMENTATIONS_ARE_NAMED_FOR_THEIR_TECHNOLOGY,
                NtpClock.class).hasViolation(), "a technology-named implementation passes");
    }

    @Test
    void everyRuleFailsWhenItMatchesNothing() {
        JavaClasses nothingRelevant = new ClassFileImporter().importClasses(String.class);
        for (ArchRule rule : WireplugArchitecture.ALL) {
            assertThrows(AssertionError.class, () -> rule.check(nothingRelevant),
                    rule.getDescription() + " passed on an import that holds none of our classes");
        }
    }

    @Test
    void everyRuleHasAFailureTest() {
        assertEquals(7, WireplugArchitecture.ALL.size(), "add a failure test above for each new rule");
    }
}
